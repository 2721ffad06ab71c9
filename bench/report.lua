-- Shared wrk report: one machine-readable line.
done = function(summary, latency, requests)
  local secs = summary.duration / 1e6
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  io.write(string.format("RESULT rps=%.0f p50_us=%d p99_us=%d requests=%d non2xx=%d errors=%d\n",
    summary.requests / secs, latency:percentile(50), latency:percentile(99), summary.requests,
    summary.errors.status, errors))
end
