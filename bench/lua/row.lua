-- One benchmark row for wrk: the method, path, media type, credential and body come from the environment
-- (set by bench/run.sh), so every server gets byte-for-byte the same requests.
--   BENCH_METHOD GET|POST|PUT   BENCH_PATH /2fa/2/...   BENCH_FORMAT json|xml
--   BENCH_AUTH   the Authorization header value        BENCH_BODY a file with the request body (POST/PUT)
local method = os.getenv("BENCH_METHOD") or "GET"
local path = os.getenv("BENCH_PATH")
local format = os.getenv("BENCH_FORMAT") or "json"
local media = format == "xml" and "application/xml" or "application/json"

wrk.method = method
wrk.path = path
wrk.headers["Authorization"] = os.getenv("BENCH_AUTH")
wrk.headers["Accept"] = media
local bodyFile = os.getenv("BENCH_BODY")
if bodyFile and bodyFile ~= "" then
  local f = assert(io.open(bodyFile, "rb"))
  wrk.body = f:read("*a")
  f:close()
  wrk.headers["Content-Type"] = media
end

-- No request()/response() callbacks: wrk then pre-formats the request once and never enters Lua per request,
-- so the load generator costs as little CPU as it can on the shared cores.

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT requests=%d duration_us=%d p50_us=%d p99_us=%d status_errors=%d socket_errors=%d\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    e.status, e.connect + e.read + e.write + e.timeout))
end
