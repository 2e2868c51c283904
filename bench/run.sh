#!/usr/bin/env bash
# The performance benchmark (docs/performance.md): builds the server, starts it on
# 127.0.0.1 with the bench profile, loads it with wrk, runs the JMH token benchmarks, and
# prints one table of figures, each against a baseline measured in the same run.
# Every load goes to loopback. It stops every process it started. About 14 minutes.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
BENCH_DIR="$ROOT/bench"
export BENCH_DIR

# Durations in seconds; the defaults are what docs/performance.md's figures were measured with.
WARMUP=${BENCH_WARMUP:-150}
ROUND=${BENCH_ROUND:-15}
ROUNDS=${BENCH_ROUNDS:-3}
PHASE=${BENCH_PHASE:-15}
HASH_SECONDS=${BENCH_HASH_SECONDS:-10}
CONNECTIONS=${BENCH_CONNECTIONS:-16}
PORT=${BENCH_PORT:-18080}
PG_PORT=${BENCH_PG_PORT:-18081}
EXAMPLE_PORT=${BENCH_EXAMPLE_PORT:-18082}
PEER_PORT=${BENCH_PEER_PORT:-18083}
# downstream: revocations timed, and service clients long-polling the event feed
REVOCATIONS=${BENCH_REVOCATIONS:-200}
RECEIVERS=${BENCH_RECEIVERS:-50}
# The JVM settings of docs/performance.md and the Dockerfile; BENCH_JAVA_OPTS replaces them.
JVM_SETTINGS=${BENCH_JAVA_OPTS:--XX:+UseSerialGC -Xms64m -Xmx256m -Xss512k -XX:TrimNativeHeapInterval=5000 -XX:+ExitOnOutOfMemoryError}
# as in the Dockerfile: two malloc arenas instead of eight per core
export MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-2}
JMH_ARGS=${BENCH_JMH:--wi 3 -i 3 -f 1 -w 2s -r 2s}
read -r -a JMH_OPTIONS <<<"$JMH_ARGS"
read -r -a JVM <<<"$JVM_SETTINGS"

PASSWORD='bench-user-passphrase-1234'
ADMIN_PASSWORD='bench-admin-passphrase-5678'
# enough users that none reaches auth.sessions.max-per-user (50) in the run: a login of a user
# at the limit also ends the user's oldest session, another commit
LOGIN_USERS=200
export BENCH_PASSWORD="$PASSWORD" BENCH_LOGIN_USERS="$LOGIN_USERS"
# a throwaway key for this run only: never a file, never the repository
AUTH_JWT_SECRET=$(head -c 32 /dev/urandom | base64)
export AUTH_JWT_SECRET AUTH_ADMIN_PASSWORD="$ADMIN_PASSWORD"

BEGAN=$(date +%s)
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
WORK=$(mktemp -d -t auth-bench.XXXXXX)
PIDS=()

log() {
	printf '[%4ds] %s\n' "$(($(date +%s) - BEGAN))" "$*" >&2
}

cleanup() {
	local pid
	for pid in "${PIDS[@]}"; do
		if kill -0 "$pid" 2>/dev/null; then
			kill "$pid" 2>/dev/null || true
			wait "$pid" 2>/dev/null || true
		fi
	done
	rm -rf "$WORK"
}
trap cleanup EXIT

stop() {
	kill "$1" 2>/dev/null || true
	wait "$1" 2>/dev/null || true
}

now_ms() {
	echo $(($(date +%s%N) / 1000000))
}

# -- the load generator and the build -----------------------------------------------------

if ! command -v wrk >/dev/null; then
	log "installing wrk (Debian package)"
	SUDO=$([ "$(id -u)" -eq 0 ] && echo "" || echo sudo)
	$SUDO apt-get update -qq && $SUDO apt-get install -y -qq wrk >/dev/null
fi
for port in "$PORT" "$PG_PORT" "$EXAMPLE_PORT" "$PEER_PORT"; do
	if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
		echo "Port $port on 127.0.0.1 is taken; set BENCH_PORT, BENCH_PG_PORT, BENCH_EXAMPLE_PORT and BENCH_PEER_PORT" >&2
		exit 1
	fi
done

log "building"
./mvnw -B -q -DskipTests package test-compile dependency:build-classpath \
	-Dmdep.includeScope=test -Dmdep.outputFile="$WORK/classpath.txt" >"$WORK/build.log" 2>&1 \
	|| { cat "$WORK/build.log" >&2; exit 1; }
JAR=$(ls target/auth-server-*.jar | grep -v plain | head -1)
# the verifier library and the example service that uses it, as the root build makes them
./mvnw -B -q -f verifier/pom.xml -DskipTests install >>"$WORK/build.log" 2>&1 \
	&& ./mvnw -B -q -f example/pom.xml -DskipTests package >>"$WORK/build.log" 2>&1 \
	|| { tail -40 "$WORK/build.log" >&2; exit 1; }
EXAMPLE_JAR=$(ls example/target/orders-example-*.jar | grep -v plain | head -1)
# the peer: Spring Security's own resource server with the same key (bench/peer)
./mvnw -B -q -f bench/peer/pom.xml -DskipTests package >>"$WORK/build.log" 2>&1 \
	|| { tail -40 "$WORK/build.log" >&2; exit 1; }
PEER_JAR=$(ls bench/peer/target/bench-peer-*.jar | grep -v plain | head -1)
TEST_CP="$ROOT/target/test-classes:$ROOT/target/classes:$(cat "$WORK/classpath.txt")"

# -- token verification in isolation (JMH), before any server runs --------------------------

log "JMH: token verification against HMAC and jjwt, HS256, EdDSA and ES256 (about 3 minutes)"
java -cp "$TEST_CP" org.openjdk.jmh.Main TokenVerificationBenchmark \
	"${JMH_OPTIONS[@]}" -prof gc -rf csv -rff "$WORK/jmh.csv" >"$WORK/jmh.log" 2>&1 \
	|| { tail -40 "$WORK/jmh.log" >&2; exit 1; }
jmh() { # jmh <benchmark> <algorithm> [secondary metric]: the score
	local name="dev.authserver.bench.TokenVerificationBenchmark.$1${3:+:$3}"
	# JMH writes its CSV with CRLF line ends
	awk -F, -v name="\"$name\"" -v alg="$2" '{ sub(/\r$/, "") } $1 == name && $NF == alg { print $5 }' "$WORK/jmh.csv"
}

# -- password hashing in isolation ---------------------------------------------------------

# measured right before and right after the logins, whose baseline it is: this machine's speed
# drifts by a third within an hour, and a rate measured minutes away would compare two machines
hash_rate() {
	log "password-hash verifications per second on all cores, beside the idle server (${HASH_SECONDS}s)"
	java -cp "$TEST_CP" dev.authserver.bench.PasswordHashRate "$HASH_SECONDS" | sed -n 's/.*hashes_per_second=//p'
}

# -- the server: start-up without and with class data sharing ---------------------------------

APP="$WORK/app"
java -Djarmode=tools -jar "$JAR" extract --destination "$APP" >/dev/null
APP_JAR=$(ls "$APP"/*.jar)
# the permit-all twin and the bench profile come from the test sources, in a jar of their own beside
# the server's (class data sharing takes jars only on the class path): never in the server's jar
TWIN="$WORK/twin"
mkdir -p "$TWIN/dev/authserver/bench"
cp -r target/test-classes/dev/authserver/bench/twin "$TWIN/dev/authserver/bench/"
cp target/test-classes/bench-twin/application-bench.properties "$TWIN/"
jar --create --file "$WORK/twin.jar" -C "$TWIN" .
SERVER=(-cp "$APP_JAR:$WORK/twin.jar" dev.authserver.AuthServerApplication)
RUN="$WORK/h2"
PROFILES=bench
mkdir -p "$RUN"

# start_server <log> <extra java options...> -- <extra app arguments...>: sets SERVER_PID and START_MS
start_server() {
	local out=$1
	shift
	local opts=() args=()
	while [ $# -gt 0 ] && [ "$1" != "--" ]; do opts+=("$1"); shift; done
	[ $# -gt 0 ] && shift
	args=("$@")
	local began
	began=$(now_ms)
	(cd "$RUN" && exec java "${JVM[@]}" "${opts[@]}" "${SERVER[@]}" --server.port="$PORT" \
		--server.address=127.0.0.1 --spring.profiles.active="$PROFILES" "${args[@]}") >"$out" 2>&1 &
	SERVER_PID=$!
	PIDS+=("$SERVER_PID")
	START_MS=$(healthy "http://127.0.0.1:$PORT/actuator/health" "$SERVER_PID" "$out" "$began")
}

# healthy <url> <pid> <log> <began ms>: waits until the URL answers 200; prints the milliseconds since began
healthy() {
	local deadline=$(($4 + 120000))
	until [ "$(curl -s -o /dev/null -w '%{http_code}' "$1" || true)" = 200 ]; do
		if ! kill -0 "$2" 2>/dev/null || [ "$(now_ms)" -gt "$deadline" ]; then
			echo "No answer 200 from $1; the log:" >&2
			tail -50 "$3" >&2
			exit 1
		fi
		sleep 0.02
	done
	echo $(($(now_ms) - $4))
}
rss_mb() { awk '/^VmRSS/ { printf "%d", $2 / 1024 }' "/proc/$1/status"; }

# start_peer <log> [java options...]: the peer, with the same JVM settings and key, on $PEER_JAVA
# when set; sets PEER_PID and PEER_START_MS
PEER_BASE="http://127.0.0.1:$PEER_PORT"
start_peer() {
	local out=$1 began
	shift
	began=$(now_ms)
	"${PEER_JAVA:-java}" "${JVM[@]}" "$@" -jar "$PEER_JAR" --server.port="$PEER_PORT" --server.address=127.0.0.1 \
		--auth.jwt.secret="$AUTH_JWT_SECRET" >"$out" 2>&1 &
	PEER_PID=$!
	PIDS+=("$PEER_PID")
	PEER_START_MS=$(healthy "$PEER_BASE/actuator/health" "$PEER_PID" "$out" "$began")
}

log "CDS training run, on a data folder of its own"
RUN="$WORK/cds"
mkdir -p "$RUN"
(cd "$RUN" && java "${JVM[@]}" -XX:ArchiveClassesAtExit="$APP/app.jsa" -Dspring.context.exit=onRefresh \
	"${SERVER[@]}" --spring.profiles.active=bench --server.port="$PORT" >"$WORK/training.log" 2>&1) \
	|| { tail -30 "$WORK/training.log" >&2; exit 1; }
log "start to healthy, with CDS"
start_server "$WORK/server-cds.log" -XX:SharedArchiveFile="$APP/app.jsa" -Xlog:cds=off -Xlog:cds+dynamic=off --
START_CDS=$START_MS
CDS_RSS_KB=$(awk '/^VmRSS/ { print $2 }' "/proc/$SERVER_PID/status")
stop "$SERVER_PID"

# the server under load runs with the default settings alone, as the Dockerfile starts it:
# no CDS archive, whose mapped file would count in its resident memory
RUN="$WORK/h2"
log "start to healthy: the server on an empty data folder, then the peer"
start_server "$WORK/server-first.log" --
START_FIRST=$START_MS
stop "$SERVER_PID"
start_peer "$WORK/peer-first.log"
PEER_FIRST=$PEER_START_MS
stop "$PEER_PID"

# -- start as the Docker image starts: JDK 25, with the ahead-of-time cache its build trains ---------

JAVA25=${BENCH_JAVA25:-$(ls -d /usr/lib/jvm/*25*/bin/java 2>/dev/null | head -1)}
IMAGE_FIRST="" IMAGE_RESTART="" PEER25_FIRST="" PEER25_RESTART="" PEER25_AOT_FIRST="" PEER25_AOT_RESTART=""
if [ -n "$JAVA25" ] && "$JAVA25" -version 2>&1 | grep -q 'version "25'; then
	log "the server as the image starts it (bench/image-start.sh, JDK 25 outside Docker)"
	IMAGE=$(BENCH_IMAGE_RUNTIME=jvm BENCH_JAVA25="$JAVA25" BENCH_IMAGE_PORT="$PEER_PORT" bash bench/image-start.sh "$JAR")
	IMAGE_FIRST=$(sed -n 's/.* first_ms=\([0-9]*\).*/\1/p' <<<"$IMAGE")
	IMAGE_RESTART=$(sed -n 's/.* restart_ms=\([0-9]*\).*/\1/p' <<<"$IMAGE")
	log "the peer on JDK 25, without and with an AOT cache of its own"
	# peer25 <log> [java options...]: the peer on JDK 25; sets PEER_START_MS, stops the peer
	peer25() {
		PEER_JAVA=$JAVA25 start_peer "$@"
		stop "$PEER_PID"
	}
	peer25 "$WORK/peer25-first.log"
	PEER25_FIRST=$PEER_START_MS
	peer25 "$WORK/peer25.log"
	PEER25_RESTART=$PEER_START_MS
	"$JAVA25" "${JVM[@]}" -XX:AOTCacheOutput="$WORK/peer.aot" -Dspring.context.exit=onRefresh -jar "$PEER_JAR" \
		--auth.jwt.secret="$AUTH_JWT_SECRET" --server.port="$PEER_PORT" >"$WORK/peer-training.log" 2>&1 \
		|| { tail -30 "$WORK/peer-training.log" >&2; exit 1; }
	peer25 "$WORK/peer25-aot-first.log" -XX:AOTCache="$WORK/peer.aot"
	PEER25_AOT_FIRST=$PEER_START_MS
	peer25 "$WORK/peer25-aot.log" -XX:AOTCache="$WORK/peer.aot"
	PEER25_AOT_RESTART=$PEER_START_MS
	log "image: first start ${IMAGE_FIRST} ms, restart ${IMAGE_RESTART} ms; peer on JDK 25: ${PEER25_FIRST} ms, ${PEER25_RESTART} ms; with its own cache ${PEER25_AOT_FIRST} ms, ${PEER25_AOT_RESTART} ms"
fi
log "restarts: the peer, then the server on its data folder"
start_peer "$WORK/peer.log"
PEER_RESTART=$PEER_START_MS
start_server "$WORK/server.log" --
START_PLAIN=$START_MS
PLAIN_RSS_KB=$(awk '/^VmRSS/ { print $2 }' "/proc/$SERVER_PID/status")
PEER_START_RSS=$(rss_mb "$PEER_PID")
H2_PID=$SERVER_PID
log "server: first start ${START_FIRST} ms, restart ${START_PLAIN} ms, with CDS ${START_CDS} ms; peer: ${PEER_FIRST} ms, ${PEER_RESTART} ms"


BASE="http://127.0.0.1:$PORT"
J='Content-Type: application/json'
field() { # field <name>: a string field of the JSON on stdin, on a line of its own
	{ cat; echo; } | sed -n "s/.*\"$1\":\"\([^\"]*\)\".*/\1/p"
}
signup() {
	curl -sf -X POST "$BASE/api/auth/signup" -H "$J" -d "{\"username\":\"$1\",\"password\":\"$PASSWORD\"}"
}
login() { # login <base> <username> <password>
	curl -sf -X POST "$1/api/auth/login" -H "$J" -d "{\"username\":\"$2\",\"password\":\"$3\"}"
}

USER_TOKEN=$(signup bench-user | field access_token)
for i in $(seq 1 "$LOGIN_USERS"); do signup "bench-login-$i" >/dev/null; done
ADMIN_TOKEN=$(login "$BASE" admin "$ADMIN_PASSWORD" | field access_token)
ME_BODY=$(curl -sf "$BASE/api/me" -H "Authorization: Bearer $USER_TOKEN")
TWIN_BODY=$(curl -sf "$BASE/bench/me")
PEER_BODY=$(curl -sf "$PEER_BASE/api/me" -H "Authorization: Bearer $USER_TOKEN")
if [ "${#ME_BODY}" -ne "${#TWIN_BODY}" ] || [ "$ME_BODY" != "$PEER_BODY" ]; then
	echo "Bodies differ: /api/me $ME_BODY, the twin's ${#TWIN_BODY} bytes, the peer's $PEER_BODY" >&2
	exit 1
fi
ADMIN_ROLES=$(curl -sf "$BASE/api/me" -H "Authorization: Bearer $ADMIN_TOKEN" | sed -n 's/.*"roles":\(\[[^]]*\]\).*/\1/p')
TOKEN_BYTES=$(printf %s "$ADMIN_TOKEN" | wc -c)

# wrk_run <seconds> <connections> <path on $BASE, or URL> [wrk arguments...]: prints the RESULT line.
# The timeout is long so that a slow answer counts in the latency, not as an error (wrk's default is 2 s)
wrk_run() {
	local seconds=$1 connections=$2 url=$3
	shift 3
	[[ $url == http* ]] || url="$BASE$url"
	wrk --latency --timeout 30s -t2 -c"$connections" -d"${seconds}s" -s "$BENCH_DIR/report.lua" "$@" "$url" | grep '^RESULT'
}
get() { # get <key> <RESULT line>
	sed -n "s/.* $1=\([0-9.]*\).*/\1/p" <<<"$2"
}
AUTH=(-H "Authorization: Bearer $USER_TOKEN")

# -- the request path: /api/me against its permit-all twin --------------------------------

# throughput: the mean of the rounds; latency: the median round's percentile
mean() { local key=$1; shift; for line in "$@"; do get "$key" "$line"; done | awk '{ s += $1 } END { printf "%.1f", s / NR }'; }
median() { local key=$1; shift; for line in "$@"; do get "$key" "$line"; done | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
# request_path <warm-up seconds> <access token> [protected path, twin path[, peer URL]]: /api/me
# against /bench/me (or the paths given, on $BASE), and the peer's URL with the same token when
# given, alternating; prints "me_rps twin_rps me_p50 me_p99 twin_p50 twin_p99 errors" and, with
# a peer, "peer_rps peer_p50 peer_p99 peer_errors"
request_path() {
	local warmup=$1 auth=(-H "Authorization: Bearer $2") mine=${3:-/api/me} theirs=${4:-/bench/me} peer=${5:-}
	local half me=() twin=() peers=() third=""
	[ -n "$peer" ] && third=", $peer"
	log "JIT warm-up, ${warmup}s alternating $mine, $theirs$third"
	half=$((warmup / 6))
	for _ in 1 2 3; do
		wrk_run "$half" "$CONNECTIONS" "$mine" "${auth[@]}" >/dev/null
		wrk_run "$half" "$CONNECTIONS" "$theirs" >/dev/null
		[ -z "$peer" ] || wrk_run "$half" "$CONNECTIONS" "$peer" "${auth[@]}" >/dev/null
	done
	log "measuring: ${ROUNDS} x ${ROUND}s each of $mine, $theirs$third; ${CONNECTIONS} connections"
	for _ in $(seq 1 "$ROUNDS"); do
		me+=("$(wrk_run "$ROUND" "$CONNECTIONS" "$mine" "${auth[@]}")")
		twin+=("$(wrk_run "$ROUND" "$CONNECTIONS" "$theirs")")
		[ -z "$peer" ] || peers+=("$(wrk_run "$ROUND" "$CONNECTIONS" "$peer" "${auth[@]}")")
	done
	echo "$(mean rps "${me[@]}") $(mean rps "${twin[@]}") $(median p50_us "${me[@]}") $(median p99_us "${me[@]}")" \
		"$(median p50_us "${twin[@]}") $(median p99_us "${twin[@]}")" \
		"$(for line in "${me[@]}" "${twin[@]}"; do get errors "$line"; done | awk '{ s += $1 } END { print s }')"
	[ -z "$peer" ] || echo "$(mean rps "${peers[@]}") $(median p50_us "${peers[@]}") $(median p99_us "${peers[@]}")" \
		"$(for line in "${peers[@]}"; do get errors "$line"; done | awk '{ s += $1 } END { print s }')"
}
{
	read -r ME_RPS TWIN_RPS ME_P50 ME_P99 TWIN_P50 TWIN_P99 ME_ERRORS
	read -r PEER_RPS PEER_P50 PEER_P99 PEER_ERRORS
} < <(request_path "$WARMUP" "$USER_TOKEN" /api/me /bench/me "$PEER_BASE/api/me")
# resident memory of both after the same load
LOADED_RSS=$(rss_mb "$H2_PID")
PEER_RSS=$(rss_mb "$PEER_PID")
stop "$PEER_PID"

# -- logins, and /api/me beside them -------------------------------------------------------

# the latency probe: 2 connections, each sending a request every BENCH_PROBE_GAP_MS, about
# 350 requests a second; the same probe idle and beside the logins
PROBE_CONNECTIONS=2
export BENCH_PROBE_GAP_MS=${BENCH_PROBE_GAP_MS:-5}
probe() { # probe [path wrk-arguments...]: /api/me with the user's token when no path is given
	local path=/api/me args=("${AUTH[@]}")
	if [ $# -gt 0 ]; then
		path=$1
		shift
		args=("$@")
	fi
	wrk --latency --timeout 30s -t2 -c"$PROBE_CONNECTIONS" -d"${PHASE}s" -s "$BENCH_DIR/probe.lua" "${args[@]}" \
		"$BASE$path" | grep '^RESULT'
}
# a login runs a long path a few dozen times a second: the JIT takes minutes to compile it all
log "JIT warm-up of the login path: logins for $((WARMUP / 2))s"
wrk --timeout 30s -t2 -c"$CONNECTIONS" -d"$((WARMUP / 2))s" -s "$BENCH_DIR/login.lua" "$BASE" >/dev/null
log "idle /api/me latency, ${PHASE}s, probe of ${PROBE_CONNECTIONS} connections, ${BENCH_PROBE_GAP_MS} ms apart"
IDLE=$(probe)
HASH_BEFORE=$(hash_rate)
log "logins for $((PHASE + 4))s, with the same /api/me probe beside them"
wrk --latency --timeout 30s -t2 -c"$CONNECTIONS" -d"$((PHASE + 4))s" -s "$BENCH_DIR/login.lua" "$BASE" \
	| grep '^RESULT' >"$WORK/login.out" &
LOGIN_WRK=$!
sleep 2
BUSY=$(probe)
wait "$LOGIN_WRK"
LOGINS=$(cat "$WORK/login.out")
HASH_AFTER=$(hash_rate)
HASH_RATE=$(awk -v a="$HASH_BEFORE" -v b="$HASH_AFTER" 'BEGIN { printf "%.1f", (a + b) / 2 }')

# a flood: far more logins at once than the hashing pool finishes in a second; those beyond are
# refused at once (429), and bearer calls and health probes keep their latency
FLOOD=${BENCH_FLOOD:-300}
log "idle /actuator/health latency, ${PHASE}s"
IDLE_HEALTH=$(probe /actuator/health -H "Accept: application/json")
log "a flood of $FLOOD concurrent logins for $((PHASE + 4))s, with the /api/me and health probes beside it"
wrk --latency --timeout 30s -t2 -c"$FLOOD" -d"$((PHASE + 4))s" -s "$BENCH_DIR/login.lua" "$BASE" \
	| grep -E '^(RESULT|STATUS)' | tr '\n' ' ' >"$WORK/flood.out" &
FLOOD_WRK=$!
sleep 2
probe /actuator/health -H "Accept: application/json" >"$WORK/flood-health.out" &
FLOOD_HEALTH_PROBE=$!
FLOOD_ME=$(probe)
wait "$FLOOD_HEALTH_PROBE"
wait "$FLOOD_WRK"
FLOOD_HEALTH=$(cat "$WORK/flood-health.out")
FLOOD_LOGINS=$(cat "$WORK/flood.out")
# the logins admitted in the last second of the flood finish before the next phase logs in
sleep 3

# -- refresh rotations -----------------------------------------------------------------------

REFRESH_CLIENTS=16
refresh_phase() { # refresh_phase <base>: prints the RESULT line and the failure count
	local base=$1 tokens="$WORK/refresh-tokens.txt"
	: >"$tokens"
	for i in $(seq 1 "$REFRESH_CLIENTS"); do
		login "$base" "bench-login-$(((i - 1) % LOGIN_USERS + 1))" "$PASSWORD" | field refresh_token >>"$tokens"
	done
	if [ "$(grep -c . "$tokens")" -ne "$REFRESH_CLIENTS" ]; then
		echo "Could not log in the $REFRESH_CLIENTS refresh clients" >&2
		exit 1
	fi
	BENCH_REFRESH_TOKENS="$tokens" wrk -t"$REFRESH_CLIENTS" -c"$REFRESH_CLIENTS" -d"${PHASE}s" --latency --timeout 30s \
		-s "$BENCH_DIR/refresh.lua" "$base" | grep -E '^(RESULT|REFRESH_FAILURES)' | tr '\n' ' '
}
log "refresh on H2: ${REFRESH_CLIENTS} clients, 5s warm-up then ${PHASE}s"
PHASE=5 refresh_phase "$BASE" >/dev/null
REFRESH_H2=$(refresh_phase "$BASE")

RSS_KB=$(awk '/^VmRSS/ { print $2 }' "/proc/$H2_PID/status")
HWM_KB=$(awk '/^VmHWM/ { print $2 }' "/proc/$H2_PID/status")
ANON_KB=$(awk '/^RssAnon/ { print $2 }' "/proc/$H2_PID/status")
stop "$H2_PID"

# -- the cost of storing security events: two servers side by side, auth.audit.store on and off --

# each with a database of its own and the same users; both warmed up alike, then measured in
# alternating rounds, so that the machine's drift weighs on both sides alike
AUDIT_ON_LOGINS=() AUDIT_OFF_LOGINS=() AUDIT_ON_REFRESH=() AUDIT_OFF_REFRESH=()
declare -A AUDIT_BASE AUDIT_PID
PORT_SAVED=$PORT
for store in true false; do
	RUN="$WORK/audit-$store"
	mkdir -p "$RUN"
	PORT=$([ "$store" = true ] && echo "$PORT_SAVED" || echo "$EXAMPLE_PORT")
	log "security events stored: $store; a server of its own on port $PORT"
	start_server "$WORK/server-audit-$store.log" -- --auth.audit.store="$store"
	AUDIT_PID[$store]=$SERVER_PID
	AUDIT_BASE[$store]="http://127.0.0.1:$PORT"
	BASE=${AUDIT_BASE[$store]}
	for i in $(seq 1 "$LOGIN_USERS"); do signup "bench-login-$i" >/dev/null; done
done
PORT=$PORT_SAVED
audit_logins() { # audit_logins <seconds> <base>: the RESULT line
	wrk --latency --timeout 30s -t2 -c"$CONNECTIONS" -d"$1s" -s "$BENCH_DIR/login.lua" "$2" | grep '^RESULT'
}
log "JIT warm-up of both: refreshes and logins, $((WARMUP / 15))s each"
for store in true false; do
	PHASE=$((WARMUP / 15)) refresh_phase "${AUDIT_BASE[$store]}" >/dev/null
	audit_logins $((WARMUP / 15)) "${AUDIT_BASE[$store]}" >/dev/null
done
log "measuring: ${ROUNDS} x ${PHASE}s each of refreshes and logins on both, alternating"
for _ in $(seq 1 "$ROUNDS"); do
	AUDIT_ON_REFRESH+=("$(refresh_phase "${AUDIT_BASE[true]}")")
	AUDIT_OFF_REFRESH+=("$(refresh_phase "${AUDIT_BASE[false]}")")
	AUDIT_ON_LOGINS+=("$(audit_logins "$PHASE" "${AUDIT_BASE[true]}")")
	AUDIT_OFF_LOGINS+=("$(audit_logins "$PHASE" "${AUDIT_BASE[false]}")")
done
AUDIT_STORED=$(curl -s "${AUDIT_BASE[true]}/api/admin/events?size=1" \
	-H "Authorization: Bearer $(login "${AUDIT_BASE[true]}" admin "$ADMIN_PASSWORD" | field access_token)" \
	| sed -n 's/.*"total_elements":\([0-9]*\).*/\1/p')
stop "${AUDIT_PID[true]}"
stop "${AUDIT_PID[false]}"
BASE="http://127.0.0.1:$PORT"

# -- the request path with EdDSA access tokens --------------------------------------------------

log "the request path with auth.jwt.algorithm=EdDSA (a key pair generated on this start)"
RUN="$WORK/eddsa"
mkdir -p "$RUN"
# the example's service client, and the receivers that long-poll the feed further down
ORDERS_SECRET=$(head -c 24 /dev/urandom | base64 | tr -d '/+=')
CLIENTS=(--auth.services[0].id=orders --auth.services[0].secret="$ORDERS_SECRET")
for i in $(seq 0 $((RECEIVERS - 1))); do
	CLIENTS+=(--auth.services[$((i + 1))].id="receiver-$i" --auth.services[$((i + 1))].secret="receiver-secret-$i-for-the-bench")
done
start_server "$WORK/server-eddsa.log" -- --auth.jwt.algorithm=EdDSA "${CLIENTS[@]}"
EDDSA_PID=$SERVER_PID
EDDSA_TOKEN=$(signup bench-user | field access_token)
EDDSA_HEADER=$(printf %s "${EDDSA_TOKEN%%.*}" | tr '_-' '/+' | base64 -d 2>/dev/null || true)
read -r ED_RPS ED_TWIN_RPS ED_P50 ED_P99 ED_TWIN_P50 ED_TWIN_P99 ED_ERRORS \
	<<<"$(request_path "$((WARMUP / 2))" "$EDDSA_TOKEN")"

# -- a downstream service: the example, verifying by value with the verifier library ------------

log "the example service beside the EdDSA server (verifier library, event feed)"
SERVER_BASE=$BASE
EXAMPLE_BASE="http://127.0.0.1:$EXAMPLE_PORT"
EXAMPLE_BEGAN=$(now_ms)
java "${JVM[@]}" -jar "$EXAMPLE_JAR" --server.port="$EXAMPLE_PORT" --server.address=127.0.0.1 \
	--auth.verifier.jwk-set-uri="$SERVER_BASE/.well-known/jwks.json" \
	--auth.verifier.events-uri="$SERVER_BASE/api/events/poll" --auth.verifier.client-secret="$ORDERS_SECRET" \
	>"$WORK/example.log" 2>&1 &
EXAMPLE_PID=$!
PIDS+=("$EXAMPLE_PID")
until [ "$(curl -s -o /dev/null -w '%{http_code}' "$EXAMPLE_BASE/orders" -H "Authorization: Bearer $EDDSA_TOKEN" || true)" = 200 ]; do
	if ! kill -0 "$EXAMPLE_PID" 2>/dev/null || [ "$(now_ms)" -gt $((EXAMPLE_BEGAN + 120000)) ]; then
		echo "The example did not accept a token; its log:" >&2
		tail -50 "$WORK/example.log" >&2
		exit 1
	fi
	sleep 0.05
done
EXAMPLE_START_MS=$(($(now_ms) - EXAMPLE_BEGAN))
ORDERS_BODY=$(curl -sf "$EXAMPLE_BASE/orders" -H "Authorization: Bearer $EDDSA_TOKEN")
BENCH_ORDERS_BODY=$(curl -sf "$EXAMPLE_BASE/bench/orders")
if [ "${#ORDERS_BODY}" -ne "${#BENCH_ORDERS_BODY}" ]; then
	echo "The example's twin body (${#BENCH_ORDERS_BODY} bytes) differs in size from /orders' (${#ORDERS_BODY} bytes)" >&2
	exit 1
fi
BASE=$EXAMPLE_BASE
read -r EX_RPS EX_TWIN_RPS EX_P50 EX_P99 EX_TWIN_P50 EX_TWIN_P99 EX_ERRORS \
	<<<"$(request_path "$((WARMUP / 2))" "$EDDSA_TOKEN" /orders /bench/orders)"
EXAMPLE_RSS=$(rss_mb "$EXAMPLE_PID")
BASE=$SERVER_BASE

log "revocation to refusal in the example: $REVOCATIONS logouts, each then asked every millisecond"
REVOCATION=$(java -cp "$TEST_CP" dev.authserver.bench.RevocationLatency "$SERVER_BASE" "$EXAMPLE_BASE/orders" \
	bench-user "$PASSWORD" "$REVOCATIONS")

# the server's CPU time in seconds, from /proc
cpu_seconds() { awk -v hz="$(getconf CLK_TCK)" '{ printf "%.2f", ($14 + $15) / hz }' "/proc/$1/stat"; }
log "the server idle for ${PHASE}s with the example's one poll of the feed"
CPU_BEFORE=$(cpu_seconds "$EDDSA_PID")
sleep "$PHASE"
IDLE_CPU=$(awk -v a="$CPU_BEFORE" -v b="$(cpu_seconds "$EDDSA_PID")" -v s="$PHASE" 'BEGIN { printf "%.2f", (b - a) / s * 100 }')
POLL_SECONDS=$((PHASE + WARMUP / 5 + ROUNDS * ROUND * 2 + 10))
log "$RECEIVERS receivers long-polling the feed for ${POLL_SECONDS}s: idle for ${PHASE}s, then /api/me against its twin"
java -cp "$TEST_CP" dev.authserver.bench.FeedPollers "$SERVER_BASE" "$RECEIVERS" "$POLL_SECONDS" >"$WORK/pollers.out" 2>&1 &
POLLERS_PID=$!
PIDS+=("$POLLERS_PID")
# the receivers first catch up with the queue (every revocation of the phase above); idle is
# once every one of them is held
ADMIN_AUTH=(-H "Authorization: Bearer $(login "$SERVER_BASE" admin "$ADMIN_PASSWORD" | field access_token)")
for _ in $(seq 1 60); do
	held=$(curl -s "$SERVER_BASE/actuator/prometheus" "${ADMIN_AUTH[@]}" | awk '/^auth_events_polls_waiting/ { printf "%d", $2 }')
	[ "${held:-0}" -ge "$RECEIVERS" ] && break
	sleep 1
done
sleep 2
CPU_BEFORE=$(cpu_seconds "$EDDSA_PID")
sleep "$PHASE"
POLL_CPU=$(awk -v a="$CPU_BEFORE" -v b="$(cpu_seconds "$EDDSA_PID")" -v s="$PHASE" 'BEGIN { printf "%.2f", (b - a) / s * 100 }')
WAITING=$(curl -s "$SERVER_BASE/actuator/prometheus" "${ADMIN_AUTH[@]}" | awk '/^auth_events_polls_waiting/ { print $2 }')
read -r POLL_RPS POLL_TWIN_RPS POLL_P50 POLL_P99 POLL_TWIN_P50 POLL_TWIN_P99 POLL_ERRORS \
	<<<"$(request_path "$((WARMUP / 5))" "$EDDSA_TOKEN")"
wait "$POLLERS_PID" || true
POLLERS=$(cat "$WORK/pollers.out")
stop "$EXAMPLE_PID"
stop "$EDDSA_PID"

# -- refresh on PostgreSQL ---------------------------------------------------------------------

log "refresh on PostgreSQL (embedded, as in the tests)"
java -cp "$TEST_CP" dev.authserver.bench.EmbeddedPostgresServer >"$WORK/postgres.out" 2>"$WORK/postgres.log" &
PG_PID=$!
PIDS+=("$PG_PID")
until grep -q '^JDBC_PASSWORD=' "$WORK/postgres.out"; do
	kill -0 "$PG_PID" 2>/dev/null || { tail -30 "$WORK/postgres.log" >&2; exit 1; }
	sleep 0.2
done
PG_URL=$(sed -n 's/^JDBC_URL=//p' "$WORK/postgres.out")
log "PostgreSQL at $PG_URL"
PORT_SAVED=$PORT
PORT=$PG_PORT
RUN="$WORK/pg"
mkdir -p "$RUN"
PROFILES=bench,postgres
POSTGRES_USER=$(sed -n 's/^JDBC_USERNAME=//p' "$WORK/postgres.out")
POSTGRES_PASSWORD=$(sed -n 's/^JDBC_PASSWORD=//p' "$WORK/postgres.out")
export POSTGRES_USER POSTGRES_PASSWORD
start_server "$WORK/server-pg.log" -- --spring.datasource.url="$PG_URL"
PG_SERVER_PID=$SERVER_PID
BASE="http://127.0.0.1:$PORT"
for i in $(seq 1 "$LOGIN_USERS"); do signup "bench-login-$i" >/dev/null; done
PHASE=5 refresh_phase "$BASE" >/dev/null
REFRESH_PG=$(refresh_phase "$BASE")
stop "$PG_SERVER_PID"
stop "$PG_PID"
PORT=$PORT_SAVED

# -- the table ---------------------------------------------------------------------------------

ELAPSED=$(($(date +%s) - BEGAN))
CORES=$(nproc)
JDK=$(java -version 2>&1 | head -1 | sed 's/.*version "\([^"]*\)".*/\1/')
echo
echo "Access token for admin (roles $ADMIN_ROLES), $TOKEN_BYTES bytes:"
echo "$ADMIN_TOKEN"
echo "EdDSA access token header: $EDDSA_HEADER; $(printf %s "$EDDSA_TOKEN" | wc -c) bytes for bench-user (role USER)"
echo
echo "auth-server benchmark: $CORES cores, OpenJDK $JDK, JVM: $JVM_SETTINGS, MALLOC_ARENA_MAX=$MALLOC_ARENA_MAX"
echo "load average before: $LOAD_BEFORE; after: $(cut -d' ' -f1-3 /proc/loadavg) (anything else running skews every figure)"
echo "/api/me and /bench/me: $ROUNDS x ${ROUND}s each, alternating, after ${WARMUP}s of warm-up; wrk -t2 -c$CONNECTIONS; bodies ${#ME_BODY} bytes"
echo

row() { # figure, value, baseline, ratio, target, met
	printf '| %s | %s | %s | %s | %s | %s |\n' "$@"
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
check() { # check <ratio> <op> <target>: a ratio that is not a number (a figure missing) is MISSED
	awk -v r="$1" -v op="$2" -v t="$3" 'BEGIN {
		if (r !~ /^[0-9]+(\.[0-9]+)?$/) { print "MISSED"; exit }
		ok = (op == "<=") ? (r + 0 <= t + 0) : (r + 0 >= t + 0); print ok ? "met" : "MISSED" }'
}
ms() { awk -v us="$1" 'BEGIN { printf "%.2f ms", us / 1000 }'; }
ns() { awk -v v="$1" 'BEGIN { printf "%.0f ns", v }'; }

HMAC=$(jmh hmacSha256 HS256)
BARE=$(jmh jjwtParseSignedClaims HS256)
FIRST=$(jmh verifyFirst HS256)
REPEATED=$(jmh verifyRepeated HS256)
alloc() { awk -v v="$(jmh "$1" "${2:-HS256}" gc.alloc.rate.norm)" 'BEGIN { printf "%.0f B", v }'; }

R_ME=$(ratio "$ME_RPS" "$TWIN_RPS")
R_ED=$(ratio "$ED_RPS" "$ED_TWIN_RPS")
R_FIRST=$(ratio "$FIRST" "$BARE")
R_REPEATED=$(ratio "$REPEATED" "$HMAC")
LOGIN_RPS=$(get rps "$LOGINS")
R_LOGIN=$(ratio "$LOGIN_RPS" "$HASH_RATE")
R_P99=$(ratio "$(get p99_us "$BUSY")" "$(get p99_us "$IDLE")")
R_FLOOD_ME=$(ratio "$(get p99_us "$FLOOD_ME")" "$(get p99_us "$IDLE")")
R_FLOOD_HEALTH=$(ratio "$(get p99_us "$FLOOD_HEALTH")" "$(get p99_us "$IDLE_HEALTH")")
FLOOD_STATUS=$(sed -n 's/.*STATUS \([^ ]*\).*/\1/p' <<<"$FLOOD_LOGINS")
H2_RPS=$(get rps "$REFRESH_H2")
PG_RPS=$(get rps "$REFRESH_PG")
H2_ERR=$(($(get errors "$REFRESH_H2") + $(sed -n 's/.*REFRESH_FAILURES \([0-9]*\).*/\1/p' <<<"$REFRESH_H2")))
PG_ERR=$(($(get errors "$REFRESH_PG") + $(sed -n 's/.*REFRESH_FAILURES \([0-9]*\).*/\1/p' <<<"$REFRESH_PG")))
RSS_MB=$((RSS_KB / 1024))

row "figure" "measured" "baseline (same run)" "ratio" "target" "result"
row "---" "---" "---" "---" "---" "---"
row "GET /api/me throughput" "$ME_RPS req/s" "permit-all twin $TWIN_RPS req/s" "$R_ME" ">= 0.90" "$(check "$R_ME" ">=" 0.90)"
R_PEER=$(ratio "$ME_RPS" "$PEER_RPS")
row "GET /api/me throughput against the peer" "$ME_RPS req/s" "peer (Spring resource server) $PEER_RPS req/s" "$R_PEER" ">= 1.20" "$(check "$R_PEER" ">=" 1.20)"
row "peer GET /api/me p50 / p99" "$(ms "$PEER_P50") / $(ms "$PEER_P99")" "server $(ms "$ME_P50") / $(ms "$ME_P99")" "$(ratio "$ME_P50" "$PEER_P50") / $(ratio "$ME_P99" "$PEER_P99")" "reported" "errors: $PEER_ERRORS"
R_FIRST_START=$(ratio "$START_FIRST" "$PEER_FIRST")
R_RESTART=$(ratio "$START_PLAIN" "$PEER_RESTART")
R_LOADED=$(ratio "$LOADED_RSS" "$PEER_RSS")
row "first start to healthy, empty data folder" "$START_FIRST ms" "peer $PEER_FIRST ms" "$R_FIRST_START" "<= 2.0" "$(check "$R_FIRST_START" "<=" 2.0)"
row "restart to healthy" "$START_PLAIN ms" "peer $PEER_RESTART ms" "$R_RESTART" "<= 1.5" "$(check "$R_RESTART" "<=" 1.5)"
if [ -n "$IMAGE_FIRST" ]; then
	R_IMAGE_FIRST=$(ratio "$IMAGE_FIRST" "$PEER25_FIRST")
	R_IMAGE_RESTART=$(ratio "$IMAGE_RESTART" "$PEER25_RESTART")
	row "first start, as the Docker image (JDK 25, AOT cache)" "$IMAGE_FIRST ms" "peer on JDK 25 $PEER25_FIRST ms" "$R_IMAGE_FIRST" "<= 2.0" "$(check "$R_IMAGE_FIRST" "<=" 2.0)"
	row "restart, as the Docker image" "$IMAGE_RESTART ms" "peer on JDK 25 $PEER25_RESTART ms" "$R_IMAGE_RESTART" "<= 1.5" "$(check "$R_IMAGE_RESTART" "<=" 1.5)"
	row "the peer with an AOT cache of its own, first / restart" "$PEER25_AOT_FIRST ms / $PEER25_AOT_RESTART ms" "server as the image $IMAGE_FIRST ms / $IMAGE_RESTART ms" "$(ratio "$IMAGE_FIRST" "$PEER25_AOT_FIRST") / $(ratio "$IMAGE_RESTART" "$PEER25_AOT_RESTART")" "reported" ""
fi
row "resident memory after the same /api/me load" "$LOADED_RSS MB" "peer $PEER_RSS MB (just after start $PEER_START_RSS MB)" "$R_LOADED" "<= 1.3" "$(check "$R_LOADED" "<=" 1.3)"
row "GET /api/me p50 / p99" "$(ms "$ME_P50") / $(ms "$ME_P99")" "twin $(ms "$TWIN_P50") / $(ms "$TWIN_P99")" "$(ratio "$ME_P50" "$TWIN_P50") / $(ratio "$ME_P99" "$TWIN_P99")" "reported" "errors: $ME_ERRORS"
row "first verification of a token" "$(ns "$FIRST"), $(alloc verifyFirst)/op" "jjwt parseSignedClaims $(ns "$BARE"), $(alloc jjwtParseSignedClaims)/op" "$R_FIRST" "<= 1.2" "$(check "$R_FIRST" "<=" 1.2)"
row "repeated verification of a token" "$(ns "$REPEATED"), $(alloc verifyRepeated)/op" "HmacSHA256, reused Mac $(ns "$HMAC"), $(alloc hmacSha256)/op" "$R_REPEATED" "<= 1.0" "$(check "$R_REPEATED" "<=" 1.0)"
for alg in EdDSA ES256; do
	first=$(jmh verifyFirst "$alg") bare=$(jmh jjwtParseSignedClaims "$alg") repeated=$(jmh verifyRepeated "$alg")
	row "first verification, $alg" "$(ns "$first"), $(alloc verifyFirst "$alg")/op" "jjwt parseSignedClaims $(ns "$bare"), $(alloc jjwtParseSignedClaims "$alg")/op" "$(ratio "$first" "$bare")" "<= 1.2" "$(check "$(ratio "$first" "$bare")" "<=" 1.2)"
	row "repeated verification, $alg" "$(ns "$repeated"), $(alloc verifyRepeated "$alg")/op" "HmacSHA256, reused Mac $(ns "$HMAC")" "$(ratio "$repeated" "$HMAC")" "<= 1.0" "$(check "$(ratio "$repeated" "$HMAC")" "<=" 1.0)"
done
row "GET /api/me throughput, EdDSA" "$ED_RPS req/s" "permit-all twin $ED_TWIN_RPS req/s" "$R_ED" ">= 0.90" "$(check "$R_ED" ">=" 0.90)"
row "GET /api/me p50 / p99, EdDSA" "$(ms "$ED_P50") / $(ms "$ED_P99")" "twin $(ms "$ED_TWIN_P50") / $(ms "$ED_TWIN_P99")" "$(ratio "$ED_P50" "$ED_TWIN_P50") / $(ratio "$ED_P99" "$ED_TWIN_P99")" "reported" "errors: $ED_ERRORS"
R_EX=$(ratio "$EX_RPS" "$EX_TWIN_RPS")
R_POLL=$(ratio "$POLL_RPS" "$POLL_TWIN_RPS")
REVOKE_P99=$(sed -n 's/.*p99_ms=\([0-9.]*\).*/\1/p' <<<"$REVOCATION")
row "example GET /orders throughput (verifier library)" "$EX_RPS req/s" "its permit-all twin $EX_TWIN_RPS req/s" "$R_EX" ">= 0.90" "$(check "$R_EX" ">=" 0.90)"
row "example start to its first accepted token" "$EXAMPLE_START_MS ms" "peer restart $PEER_RESTART ms" "$(ratio "$EXAMPLE_START_MS" "$PEER_RESTART")" "reported" ""
row "example resident memory after its load" "$EXAMPLE_RSS MB" "peer $PEER_RSS MB" "$(ratio "$EXAMPLE_RSS" "$PEER_RSS")" "reported" ""
row "example GET /orders p50 / p99" "$(ms "$EX_P50") / $(ms "$EX_P99")" "twin $(ms "$EX_TWIN_P50") / $(ms "$EX_TWIN_P99")" "$(ratio "$EX_P50" "$EX_TWIN_P50") / $(ratio "$EX_P99" "$EX_TWIN_P99")" "reported" "errors: $EX_ERRORS"
row "logout to refusal in the example, $REVOCATIONS revocations" "$(sed -n 's/.*\(p50_ms=[0-9.]*\) \(p99_ms=[0-9.]*\) \(max_ms=[0-9.]*\).*/\1 \2 \3/p' <<<"$REVOCATION")" "1000 ms" "$(ratio "$REVOKE_P99" 1000)" "p99 < 1000 ms" "$(check "$REVOKE_P99" "<=" 999)"
row "event feed, $RECEIVERS receivers long-polling" "$(sed -n 's/.*polls_per_second=\([0-9.]*\).*failed=\([0-9]*\).*/\1 polls\/s, failed \2/p' <<<"$POLLERS"), $WAITING held" "" "" "reported" ""
row "server CPU idle, with those receivers" "$POLL_CPU %" "idle without them $IDLE_CPU %" "" "reported" ""
row "GET /api/me throughput while they poll" "$POLL_RPS req/s" "permit-all twin $POLL_TWIN_RPS req/s" "$R_POLL" ">= 0.90" "$(check "$R_POLL" ">=" 0.90)"
row "logins" "$LOGIN_RPS /s (errors $(get errors "$LOGINS"))" "Argon2 verifications on $CORES cores $HASH_RATE /s ($HASH_BEFORE before, $HASH_AFTER after)" "$R_LOGIN" ">= 0.75" "$(check "$R_LOGIN" ">=" 0.75)"
row "GET /api/me p99 during logins" "$(ms "$(get p99_us "$BUSY")") (p50 $(ms "$(get p50_us "$BUSY")"))" "idle $(ms "$(get p99_us "$IDLE")") (p50 $(ms "$(get p50_us "$IDLE")"))" "$R_P99" "<= 2.0" "$(check "$R_P99" "<=" 2.0)"
row "GET /api/me p99 during a flood of $FLOOD logins" "$(ms "$(get p99_us "$FLOOD_ME")") (p50 $(ms "$(get p50_us "$FLOOD_ME")"))" "idle $(ms "$(get p99_us "$IDLE")")" "$R_FLOOD_ME" "<= 10" "$(check "$R_FLOOD_ME" "<=" 10)"
row "GET /actuator/health p99 during the flood" "$(ms "$(get p99_us "$FLOOD_HEALTH")") (p50 $(ms "$(get p50_us "$FLOOD_HEALTH")"))" "idle $(ms "$(get p99_us "$IDLE_HEALTH")")" "$R_FLOOD_HEALTH" "<= 10" "$(check "$R_FLOOD_HEALTH" "<=" 10)"
row "logins answered during the flood" "$(get rps "$FLOOD_LOGINS") /s, p99 $(ms "$(get p99_us "$FLOOD_LOGINS")")" "by status: $FLOOD_STATUS" "" "reported" ""
row "refresh rotations, H2, $REFRESH_CLIENTS clients" "$H2_RPS /s, errors $H2_ERR" "1200 /s" "$(ratio "$H2_RPS" 1200)" ">= 1.00, 0 errors" "$( [ "$H2_ERR" -eq 0 ] && check "$H2_RPS" ">=" 1200 || echo MISSED)"
AUDIT_LOGINS_ON=$(mean rps "${AUDIT_ON_LOGINS[@]}")
AUDIT_LOGINS_OFF=$(mean rps "${AUDIT_OFF_LOGINS[@]}")
AUDIT_REFRESH_ON=$(mean rps "${AUDIT_ON_REFRESH[@]}")
AUDIT_REFRESH_OFF=$(mean rps "${AUDIT_OFF_REFRESH[@]}")
R_AUDIT_LOGINS=$(ratio "$AUDIT_LOGINS_ON" "$AUDIT_LOGINS_OFF")
R_AUDIT_REFRESH=$(ratio "$AUDIT_REFRESH_ON" "$AUDIT_REFRESH_OFF")
row "logins, security events stored (H2; $AUDIT_STORED stored in all)" "$AUDIT_LOGINS_ON /s" "auth.audit.store=false $AUDIT_LOGINS_OFF /s" "$R_AUDIT_LOGINS" ">= 0.95" "$(check "$R_AUDIT_LOGINS" ">=" 0.95)"
row "refresh rotations, security events stored (H2)" "$AUDIT_REFRESH_ON /s" "auth.audit.store=false $AUDIT_REFRESH_OFF /s" "$R_AUDIT_REFRESH" ">= 0.95" "$(check "$R_AUDIT_REFRESH" ">=" 0.95)"
row "refresh rotations, PostgreSQL, $REFRESH_CLIENTS clients" "$PG_RPS /s, errors $PG_ERR" "600 /s" "$(ratio "$PG_RPS" 600)" ">= 1.00, 0 errors" "$( [ "$PG_ERR" -eq 0 ] && check "$PG_RPS" ">=" 600 || echo MISSED)"
row "start to healthy, CDS" "$START_CDS ms" "without CDS $START_PLAIN ms" "$(ratio "$START_CDS" "$START_PLAIN")" "< 3000 ms" "$(check "$START_CDS" "<=" 2999)"
row "resident memory after the load" "$RSS_MB MB (peak $((HWM_KB / 1024)), anonymous $((ANON_KB / 1024)))" "400 MB" "$(ratio "$RSS_MB" 400)" "< 1.00" "$(check "$RSS_MB" "<=" 399)"
row "resident memory just after start" "$((PLAIN_RSS_KB / 1024)) MB" "with CDS $((CDS_RSS_KB / 1024)) MB" "$(ratio "$PLAIN_RSS_KB" "$CDS_RSS_KB")" "reported" ""
row "access token, two roles" "$TOKEN_BYTES bytes" "400 bytes" "$(ratio "$TOKEN_BYTES" 400)" "< 1.00" "$(check "$TOKEN_BYTES" "<=" 399)"
echo
echo "Total bench time: ${ELAPSED}s"
