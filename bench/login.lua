-- Logins for the users bench/run.sh created: bench-login-1 .. bench-login-N, one password.
dofile(os.getenv("BENCH_DIR") .. "/report.lua")

local users = tonumber(os.getenv("BENCH_LOGIN_USERS"))
local password = os.getenv("BENCH_PASSWORD")
local n = 0

function request()
	n = n % users + 1
	local body = string.format('{"username":"bench-login-%d","password":"%s"}', n, password)
	return wrk.format("POST", "/api/auth/login", { ["Content-Type"] = "application/json" }, body)
end

-- counts answers by status, printed as STATUS 200=n,429=m
-- global: each thread's table is read by done() through thread:get
statuses = {}
local threads = {}

function setup(thread)
	table.insert(threads, thread)
end

function response(status)
	statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
	local totals = {}
	for _, thread in ipairs(threads) do
		local counts = thread:get("statuses")
		for status, count in pairs(counts) do
			totals[status] = (totals[status] or 0) + count
		end
	end
	local parts = {}
	for status, count in pairs(totals) do
		parts[#parts + 1] = string.format("%d=%d", status, count)
	end
	table.sort(parts)
	report(summary, latency)
	io.write("STATUS " .. table.concat(parts, ",") .. "\n")
end
