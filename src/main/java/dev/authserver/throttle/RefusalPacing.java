package dev.authserver.throttle;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;

import dev.authserver.problem.ProblemResponseWriter;
import dev.authserver.web.IpAddresses;

/**
 * Writes the 429 answers of the filters that refuse before a body is read (docs/security.md).
 * A client refused once is answered at once; one that asks again before its {@code Retry-After}
 * has passed is answered when it has passed, asynchronously, so that no thread waits. A client
 * that honours {@code Retry-After} never notices; one that ignores it in a tight loop gets an
 * answer a second instead of as many as the cores can write, and the cores stay with the
 * requests that are not refused.
 */
@Component
public class RefusalPacing implements DisposableBean {

	private final ProblemResponseWriter writer;

	private final Clock clock;

	private final boolean enabled;

	/** Client group to the end of its last {@code Retry-After}. */
	private final Cache<String, Instant> refusedUntil;

	private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor((runnable) -> {
		Thread thread = new Thread(runnable, "refusal-pacing");
		thread.setDaemon(true);
		return thread;
	});

	RefusalPacing(ProblemResponseWriter writer, LoginProperties properties, Clock clock) {
		this.writer = writer;
		this.clock = clock;
		this.enabled = properties.paceRefusals();
		this.refusedUntil = Caffeine.newBuilder()
			.maximumSize(properties.trackedClients())
			.expireAfterWrite(Duration.ofMinutes(2))
			.build();
	}

	/** Answers 429 with {@code Retry-After}, now or when the client's last one has passed. */
	public void refuse(HttpServletRequest request, HttpServletResponse response, long retryAfterSeconds,
			ProblemDetail problem) throws IOException {
		String client = IpAddresses.clientGroup(request.getRemoteAddr());
		Instant now = this.clock.instant();
		Instant until = this.refusedUntil.getIfPresent(client);
		if (!this.enabled || until == null || !until.isAfter(now) || !request.isAsyncSupported()) {
			this.refusedUntil.put(client, now.plusSeconds(retryAfterSeconds));
			write(response, retryAfterSeconds, problem);
			return;
		}
		AsyncContext async = request.startAsync();
		long delay = Duration.between(now, until).toMillis();
		async.setTimeout(delay + TimeUnit.SECONDS.toMillis(30));
		this.timer.schedule(() -> {
			try {
				write((HttpServletResponse) async.getResponse(), retryAfterSeconds, problem);
			}
			catch (IOException | RuntimeException ex) {
				// the client went away meanwhile: nothing left to answer
			}
			finally {
				async.complete();
			}
		}, delay, TimeUnit.MILLISECONDS);
	}

	private void write(HttpServletResponse response, long retryAfterSeconds, ProblemDetail problem)
			throws IOException {
		response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds));
		this.writer.write(response, problem);
	}

	@Override
	public void destroy() {
		this.timer.shutdownNow();
	}

}
