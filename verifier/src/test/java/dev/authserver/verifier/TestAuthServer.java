package dev.authserver.verifier;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real HTTP server on a loopback port that plays the auth server's part the library talks
 * to: a JWK Set, and an RFC 8936 event feed holding the SETs a test puts in it until they are
 * acknowledged. A poll with nothing pending is held a little, as a long poll, then answered
 * empty. Either can be taken away and given back.
 */
final class TestAuthServer implements AutoCloseable {

	static final String CLIENT_ID = "orders";

	static final String CLIENT_SECRET = "orders-secret-for-tests";

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final Duration HOLD = Duration.ofMillis(200);

	private final HttpServer server;

	private volatile String jwks = "{\"keys\":[]}";

	private volatile Duration jwksDelay = Duration.ZERO;

	private volatile boolean feedDown;

	private final Map<String, String> pending = new LinkedHashMap<>();

	private final List<Poll> polls = new CopyOnWriteArrayList<>();

	private final AtomicInteger jwksReads = new AtomicInteger();

	/** A server on a free loopback port, started. */
	static TestAuthServer start() {
		try {
			return new TestAuthServer();
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	private TestAuthServer() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.server.setExecutor(Executors.newCachedThreadPool((task) -> {
			Thread thread = new Thread(task, "test-auth-server");
			thread.setDaemon(true);
			return thread;
		}));
		this.server.createContext("/.well-known/jwks.json", this::jwks);
		this.server.createContext("/api/events/poll", this::poll);
		this.server.start();
	}

	String jwkSetUri() {
		return base() + "/.well-known/jwks.json";
	}

	String eventsUri() {
		return base() + "/api/events/poll";
	}

	private String base() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	void setJwks(String jwks) {
		this.jwks = jwks;
	}

	void setJwksDelay(Duration delay) {
		this.jwksDelay = delay;
	}

	int jwksReads() {
		return this.jwksReads.get();
	}

	void setFeedDown(boolean down) {
		this.feedDown = down;
	}

	/** Puts a SET in the feed under this {@code jti}, answering any poll held now. */
	void publish(String jti, String set) {
		synchronized (this.pending) {
			this.pending.put(jti, set);
			this.pending.notifyAll();
		}
	}

	boolean isPending(String jti) {
		synchronized (this.pending) {
			return this.pending.containsKey(jti);
		}
	}

	List<Poll> polls() {
		return List.copyOf(this.polls);
	}

	private void jwks(HttpExchange exchange) throws IOException {
		try {
			Thread.sleep(this.jwksDelay.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		this.jwksReads.incrementAndGet();
		respond(exchange, 200, this.jwks);
	}

	private void poll(HttpExchange exchange) throws IOException {
		if (this.feedDown) {
			respond(exchange, 503, "{}");
			return;
		}
		String authorization = exchange.getRequestHeaders().getFirst("Authorization");
		String expected = "Basic " + java.util.Base64.getEncoder()
			.encodeToString((CLIENT_ID + ":" + CLIENT_SECRET).getBytes(StandardCharsets.UTF_8));
		if (!expected.equals(authorization) || !"POST".equals(exchange.getRequestMethod())) {
			respond(exchange, 401, "{}");
			return;
		}
		JsonNode request;
		try (InputStream body = exchange.getRequestBody()) {
			request = json.readTree(body.readAllBytes());
		}
		List<String> acks = new ArrayList<>();
		request.get("ack").forEach((ack) -> acks.add(ack.asString()));
		List<String> errors = new ArrayList<>(request.get("setErrs").propertyNames());
		boolean returnImmediately = request.get("returnImmediately").asBoolean();
		this.polls.add(new Poll(acks, errors, returnImmediately));
		Map<String, String> sets;
		synchronized (this.pending) {
			acks.forEach(this.pending::remove);
			errors.forEach(this.pending::remove);
			if (this.pending.isEmpty() && !returnImmediately) {
				try {
					this.pending.wait(HOLD.toMillis());
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}
			sets = new LinkedHashMap<>(this.pending);
		}
		if (this.feedDown) {
			respond(exchange, 503, "{}");
			return;
		}
		respond(exchange, 200, json.writeValueAsString(Map.of("sets", sets, "moreAvailable", false)));
	}

	private static void respond(HttpExchange exchange, int status, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

	/**
	 * A poll the feed received.
	 *
	 * @param acks the {@code jti}s it acknowledged
	 * @param errors the {@code jti}s it returned as errors ({@code setErrs})
	 * @param returnImmediately whether it asked not to be held
	 */
	record Poll(List<String> acks, List<String> errors, boolean returnImmediately) {
	}

}
