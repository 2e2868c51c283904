package dev.authserver.verifier;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.SmartLifecycle;

import dev.authserver.verification.InvalidTokenException;

/**
 * Reads the server's Security Event Token feed by poll (RFC 8936) on a thread of its own, and
 * applies what it reads to {@link Revocations}: a long poll that the server answers as soon as
 * an event arrives, so a revocation reaches this service in well under two seconds. Each
 * answer's SETs are acknowledged in the next poll; one that fails verification changes nothing
 * and is returned in that poll's {@code setErrs} instead, with one warning. When the feed cannot
 * be read, it tries again after 1 s, doubling up to 10 s, and says so once when the feed goes and
 * once when it is back.
 */
final class RevocationFeed implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(RevocationFeed.class);

	/** The most SETs one answer holds. */
	static final int MAX_EVENTS = 100;

	static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);

	static final Duration MAX_BACKOFF = Duration.ofSeconds(10);

	private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);

	private static final JsonMapper json = JsonMapper.builder()
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.build();

	private final URI eventsUri;

	private final String authorization;

	private final Duration pollTimeout;

	private final HttpClient http;

	private final VerificationKeys keys;

	private final SecurityEventTokens sets;

	private final Revocations revocations;

	private volatile Thread thread;

	/** Whether the feed is failing, so that an outage is logged once. */
	private boolean away;

	RevocationFeed(VerifierProperties properties, HttpClient http, VerificationKeys keys, SecurityEventTokens sets,
			Revocations revocations) {
		this.eventsUri = properties.eventsUri();
		this.authorization = "Basic " + Base64.getEncoder()
			.encodeToString((properties.clientId() + ":" + properties.clientSecret()).getBytes(StandardCharsets.UTF_8));
		// a poll the server holds longer than this could not keep revocations fresh anyway
		this.pollTimeout = properties.maxStaleness();
		this.http = http;
		this.keys = keys;
		this.sets = sets;
		this.revocations = revocations;
	}

	@Override
	public synchronized void start() {
		if (this.thread != null) {
			return;
		}
		this.keys.start();
		Thread thread = new Thread(this::run, "auth-verifier-events");
		thread.setDaemon(true);
		this.thread = thread;
		thread.start();
	}

	@Override
	public synchronized void stop() {
		Thread thread = this.thread;
		this.thread = null;
		if (thread != null) {
			thread.interrupt();
		}
		this.keys.stop();
	}

	@Override
	public boolean isRunning() {
		return this.thread != null;
	}

	private void run() {
		Received received = Received.NOTHING;
		boolean waitForEvents = false;
		Duration backoff = FIRST_BACKOFF;
		while (this.thread == Thread.currentThread()) {
			try {
				if (!this.keys.isLoaded()) {
					// a SET is checked with the same keys as a token: without them nothing can be read
					this.keys.refresh();
				}
				Answer answer = poll(received, waitForEvents);
				received = apply(answer.sets());
				backOnline();
				backoff = FIRST_BACKOFF;
				this.revocations.retryAfter(backoff);
				if (!answer.moreAvailable()) {
					// acknowledged in the next poll, which starts at once
					this.revocations.read();
				}
				this.revocations.forgetExpired();
				// after a partial answer ask again at once; else wait, the acknowledgements riding along
				waitForEvents = !answer.moreAvailable();
			}
			catch (InterruptedException ex) {
				return;
			}
			catch (IOException | RuntimeException ex) {
				goneAway(ex);
				this.revocations.retryAfter(backoff);
				waitForEvents = false;
				try {
					Thread.sleep(backoff.toMillis());
				}
				catch (InterruptedException interrupted) {
					return;
				}
				backoff = backoff.multipliedBy(2);
				if (backoff.compareTo(MAX_BACKOFF) > 0) {
					backoff = MAX_BACKOFF;
				}
			}
		}
	}

	/** One poll of RFC 8936 section 2.4: acknowledges what was read, and waits for events or not. */
	private Answer poll(Received received, boolean waitForEvents) throws IOException, InterruptedException {
		byte[] body = json.writeValueAsBytes(new Poll(received.acks(), received.errors(), MAX_EVENTS, !waitForEvents));
		HttpRequest request = HttpRequest.newBuilder(this.eventsUri)
			.timeout(this.pollTimeout)
			.header("Authorization", this.authorization)
			.header("Content-Type", "application/json")
			.header("Accept", "application/json")
			.POST(HttpRequest.BodyPublishers.ofByteArray(body))
			.build();
		HttpResponse<byte[]> response;
		try {
			response = this.http.send(request, HttpResponse.BodyHandlers.ofByteArray());
		}
		catch (HttpTimeoutException ex) {
			throw new IOException("no answer within auth.verifier.max-staleness (" + this.pollTimeout
					+ "); the server's auth.events.max-wait must be shorter", ex);
		}
		if (response.statusCode() == 401) {
			throw new IOException("the server refused the client credentials (401): check auth.verifier.client-id "
					+ "and auth.verifier.client-secret against the server's auth.services");
		}
		if (response.statusCode() != 200) {
			throw new IOException("status " + response.statusCode());
		}
		try {
			Answer answer = json.readValue(response.body(), Answer.class);
			if (answer.sets() == null) {
				throw new IOException("an answer without sets");
			}
			return answer;
		}
		catch (JacksonException ex) {
			throw new IOException("an answer that is not the JSON of RFC 8936", ex);
		}
	}

	/** Applies each SET that passes verification; returns what to acknowledge and what to return as errors. */
	private Received apply(Map<String, String> received) throws IOException, InterruptedException {
		List<String> read = new ArrayList<>(received.size());
		Map<String, SetError> errors = new LinkedHashMap<>();
		boolean refreshed = false;
		for (Map.Entry<String, String> entry : received.entrySet()) {
			SecurityEventTokens.Revocation revocation;
			try {
				revocation = this.sets.read(entry.getValue());
			}
			catch (InvalidTokenException ex) {
				revocation = null;
				if (!refreshed) {
					// perhaps signed by a key published since the keys were read: read them once more
					this.keys.refresh();
					refreshed = true;
					revocation = readOrNull(entry.getValue());
				}
				if (revocation == null) {
					logger.warn("A security event token of the feed (jti {}) fails verification and is not applied",
							entry.getKey());
					errors.put(entry.getKey(), SetError.INVALID);
					continue;
				}
			}
			revocation.applyTo(this.revocations);
			read.add(entry.getKey());
		}
		return new Received(read, errors);
	}

	private SecurityEventTokens.Revocation readOrNull(String set) {
		try {
			return this.sets.read(set);
		}
		catch (InvalidTokenException ex) {
			return null;
		}
	}

	private void goneAway(Exception ex) {
		if (!this.away) {
			this.away = true;
			logger.warn("The event feed at {} cannot be read ({}): tokens are refused with 503 once it has not been "
					+ "read for auth.verifier.max-staleness", this.eventsUri, describe(ex));
		}
	}

	/** What went wrong, for a log line: the message, or the kind of failure when it has none. */
	static String describe(Exception ex) {
		return (ex.getMessage() != null) ? ex.getMessage() : ex.getClass().getSimpleName();
	}

	private void backOnline() {
		if (this.away) {
			this.away = false;
			logger.info("The event feed at {} is read again", this.eventsUri);
		}
	}

	/** The request of RFC 8936 section 2.4. */
	record Poll(List<String> ack, Map<String, SetError> setErrs, int maxEvents, boolean returnImmediately) {
	}

	/**
	 * Why a SET was not applied (RFC 8936 section 2.4, the error codes of RFC 8935 section 2.3).
	 *
	 * @param err the code
	 * @param description what failed, for the server's log
	 */
	record SetError(String err, String description) {

		static final SetError INVALID = new SetError("invalid_request",
				"The SET fails verification: signature, typ, iss, aud or its event");

	}

	/**
	 * What the last answer brought, for the next poll to report.
	 *
	 * @param acks the {@code jti}s of the SETs applied
	 * @param errors the SETs not applied, by {@code jti}
	 */
	record Received(List<String> acks, Map<String, SetError> errors) {

		static final Received NOTHING = new Received(List.of(), Map.of());

	}

	/** The answer of RFC 8936 section 2.5: SETs by {@code jti}. */
	record Answer(Map<String, String> sets, boolean moreAvailable) {
	}

}
