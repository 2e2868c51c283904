# Build stage: the JDK and the Maven wrapper, so the image builds with the same Maven as a checkout.
FROM eclipse-temurin:17-jdk AS build
WORKDIR /build
# the wrapper and the pom first: the dependency layer below is rebuilt only when they change, not on every source edit
COPY mvnw pom.xml ./
COPY .mvn/ .mvn/
RUN ./mvnw -B dependency:go-offline
COPY src/ src/
# the sources the server shares with the verifier library (docs/architecture.md)
COPY verifier/src/shared/ verifier/src/shared/
# the jar extracted (a thin jar and lib/), as an ahead-of-time cache needs jars on the class path
RUN ./mvnw -B -DskipTests package \
	&& java -Djarmode=tools -jar target/auth-server-*.jar extract --destination /build/app \
	&& mv /build/app/auth-server-*.jar /build/app/auth-server.jar

# Runtime stage: a JRE only, no compiler and no Maven. JDK 25's, for its ahead-of-time cache
# (JEP 483, 514, 515): the classes of a start come loaded and linked from it, with method
# profiles for the JIT (docs/performance.md). The code is built for Java 17 and runs on 25 alike.
FROM eclipse-temurin:25-jre
# a fixed id above the range of the base image's own users (ubuntu is 1000), so bind mounts can be chowned to it
RUN groupadd --system --gid 10001 auth \
	&& useradd --system --uid 10001 --gid auth --home-dir /app --no-create-home --shell /usr/sbin/nologin auth
WORKDIR /app
# the H2 database and the generated signing key live in ./data (docs/operations.md); it is created and chowned
# before VOLUME, because a new volume copies the image's folder with its owner and later changes are lost
RUN mkdir /app/data && chown auth:auth /app/data && chmod 700 /app/data
VOLUME /app/data
COPY --from=build /build/app/ /app/
EXPOSE 8080
# the settings bench/run.sh measures (docs/performance.md): the serial collector, which the JVM itself picks
# for a container under 2 cores or 1792 MB and which has none of G1's per-region bookkeeping; a heap that
# starts at 64 MiB and grows as far as 256 MiB, instead of a quarter of the host's memory; two malloc arenas
# instead of eight per core, and the native memory freed in them returned to the system every 5 s
# (the JVM's own trimming, JDK 17.0.9 and later); exit on OutOfMemoryError so the orchestrator restarts the container instead of
# keeping a broken JVM. As environment variables, 'docker run -e' replaces them.
ENV MALLOC_ARENA_MAX=2
ENV JAVA_TOOL_OPTIONS="-XX:+UseSerialGC -Xms64m -Xmx256m -Xss512k -XX:TrimNativeHeapInterval=5000 -XX:+ExitOnOutOfMemoryError"
# the training run: the server started once, with these settings, up to its context's refresh, in
# a throwaway folder whose database and generated key are deleted in the same layer; what it
# loaded and linked goes into /app/auth-server.aot, valid for this JDK, these jars and this path
RUN mkdir /tmp/training && cd /tmp/training \
	&& java -XX:AOTCacheOutput=/app/auth-server.aot -Dspring.context.exit=onRefresh -jar /app/auth-server.jar \
	&& cd / && rm -rf /tmp/training
USER auth
# bash's /dev/tcp and grep, both in the Ubuntu base: no package is installed just for the check, and no
# second JVM starts every interval. The Temurin images ship curl and wget only "for historical
# reasons" (adoptium/containers#255), so the check does not rely on them. It runs as exec form because
# /bin/sh is dash, which has no /dev/tcp; a hung answer is cut off by --timeout.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
	CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/${SERVER_PORT:-8080} && printf 'GET /actuator/health HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' >&3 && grep -q '\"status\":\"UP\"' <&3"]
# exec form: java is PID 1 and gets docker stop's SIGTERM, so Spring shuts down gracefully
ENTRYPOINT ["java", "-XX:AOTCache=/app/auth-server.aot", "-jar", "/app/auth-server.jar"]
