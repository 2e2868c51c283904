-- Refresh rotations: run with as many threads as connections, so that each wrk thread
-- (one Lua state) drives exactly one connection, and so one session chain: every answer
-- holds the refresh token that the next request of that connection presents.
dofile(os.getenv("BENCH_DIR") .. "/report.lua")

local threads = {}
local index = 0

function setup(thread)
	index = index + 1
	local tokens = {}
	for line in io.lines(os.getenv("BENCH_REFRESH_TOKENS")) do
		tokens[#tokens + 1] = line
	end
	thread:set("token", tokens[index])
	thread:set("failures", 0)
	table.insert(threads, thread)
end

function request()
	return wrk.format("POST", "/api/auth/refresh", { ["Content-Type"] = "application/json" },
		'{"refresh_token":"' .. token .. '"}')
end

function response(status, headers, body)
	if status == 200 then
		token = string.match(body, '"refresh_token":"([^"]+)"')
	else
		failures = failures + 1
	end
end

function done(summary, latency, requests)
	local failed = 0
	for _, thread in ipairs(threads) do
		failed = failed + thread:get("failures")
	end
	report(summary, latency)
	io.write(string.format("REFRESH_FAILURES %d\n", failed))
end
