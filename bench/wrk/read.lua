-- Reading: the count JSON and the petition page, alternately (or one path, BENCH_PATHS="a,b").
dofile(os.getenv("BENCH_LUA_DIR") .. "/report.lua")
local paths = {}
for p in string.gmatch(os.getenv("BENCH_PATHS"), "[^,]+") do table.insert(paths, p) end
local i = 0

function init(args)
  counts = {}
end

function request()
  i = i + 1
  return wrk.format("GET", paths[(i % #paths) + 1])
end
