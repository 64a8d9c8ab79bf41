-- wrk script: POST /api/v1/tickets with a bearer token, counting answers by status.
-- The token comes from the environment variable CHARTERDESK_TOKEN.
local token = os.getenv("CHARTERDESK_TOKEN")
local threads = {}
local counter = 0

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  statuses = {}
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
  wrk.headers["Authorization"] = "Bearer " .. token
end

function request()
  counter = counter + 1
  local body = string.format(
    '{"subject": "Export fails %d", "body": "I get an error when exporting invoices (%d).", "priority": "normal"}',
    counter, counter)
  return wrk.format(nil, "/api/v1/tickets", nil, body)
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local total = {}
  for _, thread in ipairs(threads) do
    local counts = thread:get("statuses")
    for status, n in pairs(counts) do
      total[status] = (total[status] or 0) + n
    end
  end
  for status, n in pairs(total) do
    io.write(string.format("STATUS %d %d\n", status, n))
  end
end
