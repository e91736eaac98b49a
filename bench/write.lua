-- wrk script: every request is a new AddCustomer command with a unique command id.
-- Needs the environment variable PD_COOKIE ("pd_session=...").
local thread_counter = 0
function setup(thread)
  thread_counter = thread_counter + 1
  thread:set("tid", thread_counter)
end
function init(args)
  n = 0
  wrk.headers["Cookie"] = os.getenv("PD_COOKIE")
  wrk.headers["X-Requested-With"] = "partnerdesk"
  wrk.headers["Content-Type"] = "application/json"
end
function request()
  n = n + 1
  local id = string.format("bench-%d-%d-%d", tid, n, math.random(1, 1000000000))
  local body = '{"command_id":"' .. id .. '","type":"AddCustomer","data":{"profile":{"name":"Bench Co","email":"' .. id ..
    '@bench.test","segment":"Growth","subscription":"active","started_on":"2026-01-01","mrr":{"minor":1000,"currency":"USD"}}}}'
  return wrk.format("POST", "/api/v1/programs/1/commands", nil, body)
end
function response(status, headers, body)
  if status ~= 200 then errors_seen = (errors_seen or 0) + 1 end
end
