-- wrk script for SPEC §12 P1: POST verification-kyc with an Idempotency-Key, one fresh customer per request.
-- Reads customer ids from bench/.work/customers.txt (or the file given as the fifth argument); each wrk
-- thread takes every Nth id.
local ids = {}
local threads = {}
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("index", counter)
  table.insert(threads, thread)
end

function init(args)
  program = args[1]
  identity = args[2]
  secret = args[3]
  nthreads = tonumber(args[4])
  for line in io.lines(args[5] or "bench/.work/customers.txt") do
    table.insert(ids, line)
  end
  position = index
  statuses = {}
end

function request()
  local id = ids[position]
  position = position + nthreads
  if id == nil then
    id = ids[1]
  end
  local body = '{"program_id": "' .. program .. '", "ssn": "123-45-6780", "phone": "555-555-5555", ' ..
               '"phone_country_code": "1", "email": "jane@example.com", "ip": ""}'
  return wrk.format("POST", "/api/v0.1/customers/" .. id .. "/verification-kyc",
    { ["Content-Type"] = "application/json", ["Identity"] = identity, ["Authorization"] = secret,
      ["Idempotency-Key"] = "bench-" .. id }, body)
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local total = {}
  for _, t in ipairs(threads) do
    local s = t:get("statuses")
    for k, v in pairs(s) do total[k] = (total[k] or 0) + v end
  end
  for k, v in pairs(total) do
    io.write(string.format("STATUS %d %d\n", k, v))
  end
end
