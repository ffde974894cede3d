-- Signing with unique emails. BENCH_BODY holds the form's own fields (CSRF token, hidden fields);
-- each request adds a new name and address, and comes through the trusted proxy from its own IP.
-- With BENCH_RATE (signatures a second over all threads), requests go out at that fixed pace
-- instead of as fast as the server answers: each thread keeps its own schedule, so a slow answer
-- does not lower the rate while connections are free.
dofile(os.getenv("BENCH_LUA_DIR") .. "/report.lua")
local base = os.getenv("BENCH_BODY") or ""
local path = os.getenv("BENCH_PATH")
local run = os.getenv("BENCH_RUN") or "r"
local rate = tonumber(os.getenv("BENCH_RATE") or "0")
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

if rate > 0 then
  -- wrk's Lua is LuaJIT: a monotonic clock in milliseconds through its FFI.
  local ffi = require("ffi")
  ffi.cdef[[
    typedef struct { long tv_sec; long tv_nsec; } bench_timespec;
    int clock_gettime(int clock, bench_timespec *now);
  ]]
  local now = ffi.new("bench_timespec")
  local function milliseconds()
    ffi.C.clock_gettime(1, now)  -- CLOCK_MONOTONIC
    return tonumber(now.tv_sec) * 1000 + tonumber(now.tv_nsec) / 1e6
  end
  local interval = 1000 * tonumber(os.getenv("BENCH_THREADS")) / rate
  local due = nil

  -- Called before each request after the first of a connection: wait for this thread's next slot.
  -- A thread more than a second behind (the server stalled) drops the missed slots rather than
  -- sending them all at once.
  function delay()
    local t = milliseconds()
    due = math.max((due or t) + interval, t - 1000)
    return math.max(0, due - t)
  end
end
