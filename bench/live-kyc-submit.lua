-- wrk script for bench/live: POST verification-kyc in live mode with an Idempotency-Key, one fresh
-- customer per request, each with an SSN of its own (structurally valid, area 401: a shared SSN
-- under another name would go to review) and a real-looking phone and e-mail.
-- Arguments: PROGRAM IDENTITY SECRET THREADS CUSTOMERS_FILE SSN_OFFSET
-- setup, response and done (status counts) are bench/p1-kyc-submit.lua's; init and request are this file's.
dofile("bench/p1-kyc-submit.lua")
local ids = {}

function init(args)
  program = args[1]
  identity = args[2]
  secret = args[3]
  nthreads = tonumber(args[4])
  for line in io.lines(args[5]) do
    table.insert(ids, line)
  end
  offset = tonumber(args[6] or "0")
  position = index
  statuses = {}
end

-- 401-GG-SSSS: group 01-99, serial 0001-9999, from the request's position (unique across threads)
local function ssn(n)
  local area = 401 + math.floor(n / (99 * 9999))
  local group = math.floor(n / 9999) % 99 + 1
  local serial = n % 9999 + 1
  return string.format("%03d-%02d-%04d", area, group, serial)
end

function request()
  local id = ids[position]
  local n = position + offset
  position = position + nthreads
  if id == nil then
    id = ids[1]
  end
  local body = '{"program_id": "' .. program .. '", "ssn": "' .. ssn(n) .. '", "phone": "512-867-5309", ' ..
               '"phone_country_code": "1", "email": "applicant' .. n .. '@example.com", "ip": "73.162.5.20"}'
  return wrk.format("POST", "/api/v0.1/customers/" .. id .. "/verification-kyc",
    { ["Content-Type"] = "application/json", ["Identity"] = identity, ["Authorization"] = secret,
      ["Idempotency-Key"] = "bench-" .. id }, body)
end
