-- wrk: the bare Beast reference, answering a JSON POST of the same size as /check-fraud's.
request = function()
  return wrk.format("POST", "/check-fraud",
    {["Authorization"] = "Bearer x", ["Content-Type"] = "application/json"},
    '{"customerId":"650c3ebe44aa0043cc846755"}')
end
dofile(os.getenv("BENCH_REPORT"))
