-- Stores exactly BENCH_COUNT applications through the API (POST BENCH_PATH with BENCH_BODY as JSON), then
-- creates BENCH_DONE_FILE.
-- Run with -t1 so one Lua state counts every request. Requests past the count are cheap GETs of an unknown id,
-- never creates, so in-flight requests at the stop cannot overshoot the count.
local count = tonumber(os.getenv("BENCH_COUNT"))
local create, filler
local issued, created, failed = 0, 0, 0
local verified = false

function init(args)
  -- wrk.format needs wrk.host, which is set only once the thread is initialised.
  local auth, path = os.getenv("BENCH_AUTH"), os.getenv("BENCH_PATH")
  local f = assert(io.open(os.getenv("BENCH_BODY"), "rb"))
  local body = f:read("*a")
  f:close()
  create = wrk.format("POST", path, { ["Authorization"] = auth, ["Content-Type"] = "application/json", ["Accept"] = "application/json" }, body)
  filler = wrk.format("GET", path .. "/00000000000000000000000000000000", { ["Authorization"] = auth, ["Accept"] = "application/json" })
end

function request()
  -- wrk calls request() once on thread 0 before the load to check the request parses; that one is never sent.
  if not verified then verified = true; return create end
  issued = issued + 1
  if issued <= count then return create end
  return filler
end

function response(status, headers, body)
  if status == 200 or status == 201 then created = created + 1 elseif status ~= 404 then failed = failed + 1 end
  if created + failed == count then
    wrk.thread:stop()
    -- wrk's main thread sleeps for the whole -d duration: this file tells bench/run.sh to end it with SIGINT.
    local done = assert(io.open(os.getenv("BENCH_DONE_FILE"), "w"))
    done:close()
  end
end

function done(summary, latency, requests)
  io.write(string.format("LOADED requests=%d duration_us=%d status_errors=%d\n", summary.requests, summary.duration, summary.errors.status))
end
