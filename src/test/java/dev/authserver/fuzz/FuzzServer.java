package dev.authserver.fuzz;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Flow;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import net.jqwik.api.Assume;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.authserver.AuthServerApplication;
import dev.authserver.fuzz.FuzzCase.Header;

import static org.assertj.core.api.Assertions.assertThat;

/** The whole server on 127.0.0.1 and a fresh in-memory database, and the one way the fuzz properties talk to it. */
final class FuzzServer implements AutoCloseable {

	/** The server's {@code server.max-http-request-header-size}. */
	private static final int MAX_HEADER_BYTES = 16 * 1024;

	private static final Pattern CODE = Pattern.compile("\"code\":\"([a-z_]+)\"");

	private final ConfigurableApplicationContext context;

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private final String base;

	private final JdbcTemplate jdbc;

	private final Accounts accounts;

	/** Per property: how many requests went out and which statuses came back, printed at the end. */
	private final Map<String, Map<String, Integer>> tallies = new TreeMap<>();

	private final long startedAt = System.nanoTime();

	private FuzzServer(ConfigurableApplicationContext context) {
		this.context = context;
		int port = ((WebServerApplicationContext) context).getWebServer().getPort();
		this.base = "http://127.0.0.1:" + port;
		this.jdbc = context.getBean(JdbcTemplate.class);
		this.accounts = new Accounts(this);
	}

	/** jqwik properties run outside Spring's test context: the server is started by hand, once per class. */
	static FuzzServer start() {
		ConfigurableApplicationContext context = new SpringApplicationBuilder(AuthServerApplication.class)
			.profiles("test")
			.run("--server.port=0", "--server.address=127.0.0.1",
					"--spring.datasource.url=jdbc:h2:mem:fuzz-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000",
					"--spring.main.banner-mode=off",
					// the purge deletes old ended sessions: it must never run between the two reads of one case
					"--auth.sessions.purge-interval=3650d");
		return new FuzzServer(context);
	}

	<T> T bean(Class<T> type) {
		return this.context.getBean(type);
	}

	JdbcTemplate jdbc() {
		return this.jdbc;
	}

	Accounts accounts() {
		return this.accounts;
	}

	/** Sends a case with the accounts' current tokens. */
	HttpResponse<byte[]> exchange(String property, FuzzCase fuzzCase) {
		return exchange(property, fuzzCase, (accounts) -> Map.of());
	}

	/**
	 * Sends a case with the accounts' current tokens and further placeholder values made from
	 * them (a mutated token), checks {@link Invariants} on the answer, and checks that a
	 * refused request changed no stored row.
	 */
	HttpResponse<byte[]> exchange(String property, FuzzCase fuzzCase,
			Function<Accounts, Map<String, String>> moreValues) {
		this.accounts.renewIfOld();
		Map<String, String> values = new TreeMap<>(this.accounts.placeholders());
		values.putAll(moreValues.apply(this.accounts));
		SentRequest request = fuzzCase.resolve(values);
		StoredRows before = StoredRows.read(this.jdbc);
		HttpResponse<byte[]> response;
		try {
			response = send(request);
		}
		catch (ConnectionLost ex) {
			this.tallies.computeIfAbsent(property, (name) -> new TreeMap<>())
				.merge("no answer, headers over the limit", 1, Integer::sum);
			Assume.that(false);
			throw ex;
		}
		this.tallies.computeIfAbsent(property, (name) -> new TreeMap<>()).merge(outcome(response), 1, Integer::sum);
		Invariants.check(request, response);
		List<String> changed = before.differencesTo(StoredRows.read(this.jdbc));
		if (response.statusCode() >= 400) {
			assertThat(changed).as("rows changed by a refused request (%d %s)%n  %s", response.statusCode(),
					SentRequest.preview(response.body()), request).isEmpty();
		}
		else {
			// only the server assigns roles, and only the administrator changes them
			if (!request.path().contains("/admin/") || !request.carries(this.accounts.admin().session().accessToken())) {
				assertThat(changed).as("roles granted other than by the administrator's API%n  %s", request)
					.noneMatch((row) -> row.startsWith("user_roles + ") && !row.endsWith("role=USER"));
			}
			this.accounts.afterAccepted(request);
		}
		return response;
	}

	/** Sends a request as it is; a header value that Java's client will not send discards the case. */
	HttpResponse<byte[]> send(SentRequest request) {
		HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(this.base + request.path()))
			.timeout(Duration.ofSeconds(60));
		for (Header header : request.headers()) {
			try {
				builder.header(header.name(), header.value());
			}
			catch (IllegalArgumentException ex) {
				// java.net.http refuses control characters in header values: such a case cannot be sent
				Assume.that(false);
			}
		}
		builder.method(request.method(), body(request));
		try {
			return this.http.send(builder.build(), BodyHandlers.ofByteArray());
		}
		catch (IOException ex) {
			if (headerBytes(request) > MAX_HEADER_BYTES) {
				// Tomcat answers 431 and closes at once, without reading the rest of the request:
				// a client still writing may find the connection reset before it reads the answer
				// (RFC 9112 section 9.6). A matter of the transport, counted apart in the summary.
				throw new ConnectionLost(ex);
			}
			throw new AssertionError("no answer to " + request, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** The status and, for an error, its {@code code}: what the summary counts. */
	private static String outcome(HttpResponse<byte[]> response) {
		String body = new String(response.body(), StandardCharsets.UTF_8);
		Matcher code = CODE.matcher(body);
		return (response.statusCode() >= 400 && code.find()) ? response.statusCode() + " " + code.group(1)
				: String.valueOf(response.statusCode());
	}

	private static int headerBytes(SentRequest request) {
		return request.headers().stream().mapToInt((header) -> header.name().length() + header.value().length() + 4).sum();
	}

	HttpResponse<byte[]> post(String path, String json) {
		return send(new SentRequest("POST", path, List.of(new Header("Content-Type", Requests.JSON)),
				json.getBytes(StandardCharsets.UTF_8), false, List.of()));
	}

	private static BodyPublisher body(SentRequest request) {
		if (request.body() == null) {
			return BodyPublishers.noBody();
		}
		BodyPublisher known = BodyPublishers.ofByteArray(request.body());
		if (!request.chunked()) {
			return known;
		}
		// an unknown length makes the client send the body chunked, past the Content-Length check
		return new BodyPublisher() {

			@Override
			public long contentLength() {
				return -1;
			}

			@Override
			public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
				known.subscribe(subscriber);
			}

		};
	}

	/** What was sent and answered, per property: the count that jqwik's own report gives, checked independently. */
	String summary() {
		StringBuilder summary = new StringBuilder();
		this.tallies.forEach((property, statuses) -> summary.append(String.format("fuzz %-45s %6d requests, answers %s%n",
				property, statuses.values().stream().mapToInt(Integer::intValue).sum(), statuses)));
		summary.append(String.format("fuzz logins of the fuzzer's own accounts: %d; %.1f s since start%n",
				this.accounts.logins(), (System.nanoTime() - this.startedAt) / 1e9));
		return summary.toString();
	}

	@Override
	public void close() {
		System.out.print(summary());
		this.context.close();
	}

	/** No answer to a request whose headers are over the server's limit. */
	private static final class ConnectionLost extends RuntimeException {

		ConnectionLost(IOException cause) {
			super(cause);
		}

	}

}
