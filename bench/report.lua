-- Shared by the bench scripts: one machine-readable line at the end of a wrk run.
-- Latencies are in microseconds; errors are non-2xx/3xx answers plus socket errors.
function report(summary, latency)
	local seconds = summary.duration / 1e6
	local e = summary.errors
	io.write(string.format("RESULT rps=%.1f p50_us=%d p99_us=%d requests=%d errors=%d\n",
		summary.requests / seconds, latency:percentile(50), latency:percentile(99), summary.requests,
		e.status + e.connect + e.read + e.write + e.timeout))
end

done = report
