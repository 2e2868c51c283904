-- A light, steady probe of GET /api/me for latency: each connection waits BENCH_PROBE_GAP_MS
-- between its requests, so the probe measures how long an answer takes, not how many the
-- server can give (a closed loop at full speed would itself load the cores it measures).
dofile(os.getenv("BENCH_DIR") .. "/report.lua")

local gap = tonumber(os.getenv("BENCH_PROBE_GAP_MS") or "5")

function delay()
	return gap
end
