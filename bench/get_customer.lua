-- wrk: authenticated GET /customer?customerId=...
dofile(os.getenv("BENCH_DATA"))
local i = 0
request = function()
  i = i + 1
  local id = customer_ids[(i % #customer_ids) + 1]
  return wrk.format("GET", "/customer?customerId=" .. id, {["Authorization"] = "Bearer " .. waldo_token})
end
dofile(os.getenv("BENCH_REPORT"))
