-- wrk: authenticated POST /check-fraud over the prepared customers.
dofile(os.getenv("BENCH_DATA"))
local i = 0
request = function()
  i = i + 1
  local id = customer_ids[(i % #customer_ids) + 1]
  return wrk.format("POST", "/check-fraud",
    {["Authorization"] = "Bearer " .. waldo_token, ["Content-Type"] = "application/json"},
    '{"customerId":"' .. id .. '"}')
end
dofile(os.getenv("BENCH_REPORT"))
