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
