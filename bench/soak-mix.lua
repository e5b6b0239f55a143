-- wrk script for bench/soak.sh: a mixed API load over several accounts, JSON and XML.
-- Args: <phase> <ids file> <create budget per thread>
--   grow:   creates (up to the budget, then reads) + get/update/list; state grows
--   steady: get/update/list only, on the ids soak.sh listed after the grow phase; state stays the same size
-- Ids are learnt from single-application answers: the name carries the account ("soak-t1a3-<n>").

local accounts_per_thread = 8
local thread_counter = 0
local threads = {}

function setup(thread)
  thread_counter = thread_counter + 1
  thread:set("tid", thread_counter)
  table.insert(threads, thread)
end

local phase, budget, created, counter = "grow", 0, 0, 0
local ids = {}      -- account -> list of ids
local known = {}    -- flat list of {account, id}

local function account_name(k) return "soak-t" .. tid .. "a" .. k end

local function remember(account, id)
  if ids[account] == nil then ids[account] = {} end
  table.insert(ids[account], id)
  table.insert(known, { account, id })
end

function init(args)
  phase = args[1] or "grow"
  budget = tonumber(args[3] or "0")
  local file = args[2] and io.open(args[2], "r")
  if file then
    for line in file:lines() do
      local account, id = line:match("^(%S+) (%x+)$")
      if account and account:find("^soak%-t" .. tid .. "a") then remember(account, id) end
    end
    file:close()
  end
  math.randomseed(os.time() + tid * 7919)
end

local function headers(account, format, with_body)
  local h = { ["Authorization"] = "App " .. account, ["Accept"] = "application/" .. format }
  if with_body then h["Content-Type"] = "application/" .. format end
  return h
end

local function body(format, account, n)
  local name = account .. "-" .. n
  local ttl = (n % 59 + 1) .. "m"
  if format == "json" then
    return '{"name":"' .. name .. '","configuration":{"pinAttempts":' .. (n % 9 + 1) ..
      ',"allowMultiplePinVerifications":true,"pinTimeToLive":"' .. ttl ..
      '","verifyPinLimit":"1/3s","sendPinPerApplicationLimit":"10000/1d","sendPinPerPhoneNumberLimit":"3/1d"},"enabled":true}'
  end
  return "<request><name>" .. name .. "</name><configuration><pinAttempts>" .. (n % 9 + 1) ..
    "</pinAttempts><pinTimeToLive>" .. ttl .. "</pinTimeToLive></configuration><enabled>true</enabled></request>"
end

function request()
  counter = counter + 1
  local format = (counter % 2 == 0) and "json" or "xml"
  local roll = math.random(100)
  local pick = known[math.random(math.max(#known, 1))]
  if phase == "grow" and (roll <= 50 or pick == nil) and created < budget then
    created = created + 1
    local account = account_name(math.random(accounts_per_thread))
    return wrk.format("POST", "/2fa/2/applications", headers(account, format, true), body(format, account, created))
  end
  if pick == nil then
    return wrk.format("GET", "/2fa/2/applications", headers(account_name(1), format, false))
  end
  local account, id = pick[1], pick[2]
  if roll <= 55 then
    return wrk.format("GET", "/2fa/2/applications/" .. id, headers(account, format, false))
  elseif roll <= 92 then
    return wrk.format("PUT", "/2fa/2/applications/" .. id, headers(account, format, true), body(format, account, counter))
  end
  return wrk.format("GET", "/2fa/2/applications", headers(account, format, false))
end

function response(status, headers, body)
  if status ~= 200 or body == nil or #body > 2000 then return end
  local id, account = body:match('"applicationId":"(%x+)","name":"(soak%-t%d+a%d+)%-')
  if id == nil then id, account = body:match("<applicationId>(%x+)</applicationId><name>(soak%-t%d+a%d+)%-") end
  -- Bounded: a repeated id only makes that application a bit hotter.
  if id and (ids[account] == nil or #ids[account] < 2000) then remember(account, id) end
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("SOAK requests=%d duration_us=%d p50_us=%d p99_us=%d max_us=%d status_errors=%d socket_errors=%d\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99), latency.max,
    e.status, e.connect + e.read + e.write + e.timeout))
end
