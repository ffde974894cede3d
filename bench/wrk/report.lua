-- Shared by every case: count answers by status in each thread, and print one JSON line at the end.
threads = {}

-- wrk.format replaces wrk.headers when given headers, so each POST carries all of its own: the
-- form's type, the session cookie, and the client address a trusted proxy would add.
local cookie = os.getenv("BENCH_COOKIE") or ""

function form_headers(ip)
  local h = {["Content-Type"] = "application/x-www-form-urlencoded", ["X-Forwarded-For"] = ip}
  if cookie ~= "" then h["Cookie"] = cookie end
  return h
end

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

counts = {}

function response(status, headers, body)
  counts[status] = (counts[status] or 0) + 1
end

function done(summary, latency, requests)
  local by_status = {}
  for _, thread in ipairs(threads) do
    local c = thread:get("counts")
    for status, n in pairs(c) do by_status[status] = (by_status[status] or 0) + n end
  end
  local parts = {}
  for status, n in pairs(by_status) do table.insert(parts, string.format('"%d": %d', status, n)) end
  -- Every latency recorded (microseconds, and how many requests took it), so that the runs of a
  -- case can be pooled into one distribution.
  local histogram, i = {}, 1
  while true do
    local value, count = latency(i)
    if value == 0 then break end  -- past the last one (no request takes 0 microseconds)
    table.insert(histogram, string.format("[%d,%d]", value, count))
    i = i + 1
  end
  local e = summary.errors
  io.write(string.format(
    'WRK_RESULT {"requests": %d, "seconds": %.3f, "p50_ms": %.3f, "p99_ms": %.3f, "max_ms": %.3f, ' ..
    '"socket_errors": %d, "timeouts": %d, "status": {%s}, "latency_us": [%s]}\n',
    summary.requests, summary.duration / 1e6, latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, e.connect + e.read + e.write, e.timeout, table.concat(parts, ", "),
    table.concat(histogram, ",")))
end
