-- Signing with unique emails. BENCH_BODY holds the form's own fields (CSRF token, hidden fields);
-- each request adds a new name and address, and comes through the trusted proxy from its own IP.
dofile(os.getenv("BENCH_LUA_DIR") .. "/report.lua")
local base = os.getenv("BENCH_BODY") or ""
local cookie = os.getenv("BENCH_COOKIE") or ""
local path = os.getenv("BENCH_PATH")
local run = os.getenv("BENCH_RUN") or "r"
local n = 0
wrk.method = "POST"

-- wrk.format replaces wrk.headers when given headers, so each request carries all of its own.
local function headers(ip)
  local h = {["Content-Type"] = "application/x-www-form-urlencoded", ["X-Forwarded-For"] = ip}
  if cookie ~= "" then h["Cookie"] = cookie end
  return h
end

function init(args)
  math.randomseed(os.time() + id * 7919)
  counts = {}
end

function request()
  n = n + 1
  local email = string.format("%s-%d-%d@bench.example", run, id, n)
  local ip = string.format("10.%d.%d.%d", math.random(0, 255), math.random(0, 255), math.random(1, 254))
  local body = base .. "&first_name=Bench&last_name=Signer" .. n .. "&email=" .. email .. "&postcode=10027"
  return wrk.format(nil, path, headers(ip), body)
end
