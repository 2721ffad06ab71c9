-- wrk: FIL lookup of a preset contribution by phone number (percent-encoded).
dofile(os.getenv("BENCH_DATA"))
request = function()
  return wrk.format("GET", "/data/api/v1/contribution-management/contribution/%2B79991234567",
    {["Authorization"] = "Bearer " .. fil_token})
end
dofile(os.getenv("BENCH_REPORT"))
