-- wrk script: every request asks for the path given after "--" (default /api/tenant/info)
-- on the next of the hosts t0.bench.localhost .. t<N-1>.bench.localhost, N from the
-- environment variable BENCH_TENANTS (default 10). Each wrk thread rotates on its own.
local count = tonumber(os.getenv("BENCH_TENANTS") or "10")
local path = "/api/tenant/info"
local requests = {}
local next_index = 0

function init(args)
  if args[1] ~= nil then
    path = args[1]
  end
  for i = 0, count - 1 do
    requests[i] = wrk.format("GET", path, { ["Host"] = "t" .. i .. ".bench.localhost" })
  end
  -- threads start at different hosts so that they do not march in step
  next_index = math.random(0, count - 1)
end

function request()
  local r = requests[next_index]
  next_index = (next_index + 1) % count
  return r
end
