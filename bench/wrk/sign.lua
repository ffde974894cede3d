-- Signing with unique emails. BENCH_BODY holds the form's own fields (CSRF token, hidden fields);
-- each request adds a new name and address, and comes through the trusted proxy from its own IP.
dofile(os.getenv("BENCH_LUA_DIR") .. "/report.lua")
local base = os.getenv("BENCH_BODY") or ""
local path = os.getenv("BENCH_PATH")
local run = os.getenv("BENCH_RUN") or "r"
local n = 0
wrk.method = "POST"

function init(args)
  math.randomseed(os.time() + id * 7919)
  counts = {}
end

function request()
  n = n + 1
  local email = string.format("%s-%d-%d@bench.example", run, id, n)
  local ip = string.format("10.%d.%d.%d", math.random(0, 255), math.random(0, 255), math.random(1, 254))
  local body = base .. "&first_name=Bench&last_name=Signer" .. n .. "&email=" .. email .. "&postcode=10027"
  return wrk.format(nil, path, form_headers(ip), body)
end
