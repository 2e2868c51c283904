#!/usr/bin/env bash
# Start to healthy as the Docker image starts the server (docs/performance.md): JDK 25 with the
# ahead-of-time cache that the image's build trains, the image's JVM settings, a first start on
# an empty data folder and a restart on it. With a Docker engine it builds the image and times
# `docker run`; without one (`docker info` fails) it runs the same JVM commands outside it, with
# the JDK 25 that BENCH_JAVA25 names or that /usr/lib/jvm holds (BENCH_IMAGE_RUNTIME=jvm: always).
#
#   bash bench/image-start.sh [server jar]    # the jar is built when not given
#
# Prints one line: IMAGE_START runtime=<docker|jvm> first_ms=<ms> restart_ms=<ms>. Every start is
# on 127.0.0.1; every process it started is stopped.
set -euo pipefail
cd "$(dirname "$0")/.."
PORT=${BENCH_IMAGE_PORT:-18084}
# the image's settings: the ENV lines of the Dockerfile
JVM_SETTINGS=$(sed -n 's/^ENV JAVA_TOOL_OPTIONS="\(.*\)"$/\1/p' Dockerfile)
export MALLOC_ARENA_MAX=2
WORK=$(mktemp -d -t auth-image.XXXXXX)
PIDS=()
cleanup() {
	local pid
	for pid in "${PIDS[@]}"; do
		kill "$pid" 2>/dev/null || true
		wait "$pid" 2>/dev/null || true
	done
	rm -rf "$WORK"
}
trap cleanup EXIT
now_ms() { echo $(($(date +%s%N) / 1000000)); }
# healthy <pid or container> <log command...>: waits for a 200 from /actuator/health; prints ms since BEGAN
healthy() {
	local alive=$1
	shift
	until [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/actuator/health" || true)" = 200 ]; do
		if ! "$alive" || [ "$(now_ms)" -gt $((BEGAN + 120000)) ]; then
			echo "The server did not become healthy; its log:" >&2
			"$@" | tail -40 >&2
			exit 1
		fi
		sleep 0.02
	done
	echo $(($(now_ms) - BEGAN))
}

if [ "${BENCH_IMAGE_RUNTIME:-}" != jvm ] && docker info >/dev/null 2>&1; then
	docker build -q -t auth-server:start-time . >/dev/null
	VOLUME="auth-start-time-$$"
	times=()
	for run in first restart; do
		BEGAN=$(now_ms)
		CONTAINER=$(docker run -d -p "127.0.0.1:$PORT:8080" -v "$VOLUME:/app/data" auth-server:start-time)
		running() { [ "$(docker inspect -f '{{.State.Running}}' "$CONTAINER")" = true ]; }
		times+=("$(healthy running docker logs "$CONTAINER")")
		docker stop -t 30 "$CONTAINER" >/dev/null
		docker rm "$CONTAINER" >/dev/null
	done
	docker volume rm "$VOLUME" >/dev/null
	echo "IMAGE_START runtime=docker first_ms=${times[0]} restart_ms=${times[1]}"
	exit 0
fi

JAVA25=${BENCH_JAVA25:-$(ls -d /usr/lib/jvm/*25*/bin/java 2>/dev/null | head -1)}
if [ -z "$JAVA25" ] || ! "$JAVA25" -version 2>&1 | grep -q 'version "25'; then
	echo "No Docker engine and no JDK 25 (set BENCH_JAVA25 to its java)" >&2
	exit 1
fi
JAR=${1:-}
if [ -z "$JAR" ]; then
	./mvnw -B -q -DskipTests package >"$WORK/build.log" 2>&1 || { tail -40 "$WORK/build.log" >&2; exit 1; }
	JAR=$(ls target/auth-server-*.jar | grep -v plain | head -1)
fi
read -r -a JVM <<<"$JVM_SETTINGS"
# the Dockerfile's steps: the jar extracted, a training run up to the context's refresh in a
# throwaway folder, then every start with the cache
java -Djarmode=tools -jar "$JAR" extract --destination "$WORK/app" >/dev/null
APP_JAR=$(ls "$WORK"/app/*.jar)
mkdir "$WORK/training"
(cd "$WORK/training" && "$JAVA25" "${JVM[@]}" -XX:AOTCacheOutput="$WORK/app/auth-server.aot" \
	-Dspring.context.exit=onRefresh -jar "$APP_JAR" --server.port="$PORT" >"$WORK/training.log" 2>&1) \
	|| { tail -30 "$WORK/training.log" >&2; exit 1; }
mkdir "$WORK/run"
times=()
for run in first restart; do
	BEGAN=$(now_ms)
	(cd "$WORK/run" && exec "$JAVA25" "${JVM[@]}" -XX:AOTCache="$WORK/app/auth-server.aot" -jar "$APP_JAR" \
		--server.port="$PORT" --server.address=127.0.0.1) >"$WORK/$run.log" 2>&1 &
	PID=$!
	PIDS+=("$PID")
	running() { kill -0 "$PID" 2>/dev/null; }
	times+=("$(healthy running cat "$WORK/$run.log")")
	kill "$PID"
	wait "$PID" 2>/dev/null || true
done
echo "IMAGE_START runtime=jvm first_ms=${times[0]} restart_ms=${times[1]}"
