-- Confirming: each request POSTs the confirm button of a different pending signature.
dofile(os.getenv("BENCH_LUA_DIR") .. "/report.lua")
local base = os.getenv("BENCH_BODY") or ""
local tokens_file = os.getenv("BENCH_TOKENS")
local mine, i = {}, 0
wrk.method = "POST"

function init(args)
  counts = {}
  local line_no, total = 0, tonumber(os.getenv("BENCH_THREADS"))
  for line in io.lines(tokens_file) do
    if line_no % total == id then table.insert(mine, line) end
    line_no = line_no + 1
  end
end

function request()
  i = i + 1
  local token = mine[((i - 1) % #mine) + 1]
  local ip = string.format("10.%d.%d.%d", math.random(0, 255), math.random(0, 255), math.random(1, 254))
  return wrk.format(nil, "/confirm/" .. token, form_headers(ip), base)
end
