-- wrk script: every request asks for the path given after "--" (default /api/tenant/info)
-- on the next of BENCH_TENANTS hosts (default 10): <prefix><i * step>.bench.localhost for
-- i = 0 .. BENCH_TENANTS - 1, prefix BENCH_HOST_PREFIX (default "t"), step BENCH_HOST_STEP
-- (default 1; e.g. 100 with prefix "imp-" spreads 1,000 hosts over 100,000 imported tenants).
-- Each wrk thread rotates on its own.
local count = tonumber(os.getenv("BENCH_TENANTS") or "10")
local prefix = os.getenv("BENCH_HOST_PREFIX") or "t"
local step = tonumber(os.getenv("BENCH_HOST_STEP") or "1")
local path = "/api/tenant/info"
local requests = {}
local next_index = 0

function init(args)
  if args[1] ~= nil then
    path = args[1]
  end
  for i = 0, count - 1 do
    requests[i] = wrk.format("GET", path, { ["Host"] = prefix .. (i * step) .. ".bench.localhost" })
  end
  -- threads start at different hosts so that they do not march in step
  next_index = math.random(0, count - 1)
end

function request()
  local r = requests[next_index]
  next_index = (next_index + 1) % count
  return r
end
