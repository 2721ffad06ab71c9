-- wrk: authenticated POST /flag, alternating flag and unflag.
dofile(os.getenv("BENCH_DATA"))
local i = 0
request = function()
  i = i + 1
  local id = customer_ids[(i % #customer_ids) + 1]
  local flag = (i % 2 == 0) and "true" or "false"
  return wrk.format("POST", "/flag",
    {["Authorization"] = "Bearer " .. waldo_token, ["Content-Type"] = "application/json"},
    '{"customerId":"' .. id .. '","flag":' .. flag .. ',"note":"bench"}')
end
dofile(os.getenv("BENCH_REPORT"))
