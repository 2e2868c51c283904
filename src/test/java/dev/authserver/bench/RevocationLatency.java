package dev.authserver.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The revocation figure of bench/run.sh: how long after a logout's answer a downstream service
 * that verifies by value (the example, with the verifier library) refuses the session's access
 * token. For each of {@code count} sessions: log in, see the service accept the token, log out,
 * then ask the service every millisecond until it answers 401.
 */
public final class RevocationLatency {

	private static final Pattern FIELD = Pattern.compile("\"(access_token|refresh_token)\"\\s*:\\s*\"([^\"]+)\"");

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private RevocationLatency() {
	}

	/**
	 * Prints {@code p50_ms=... p99_ms=... max_ms=... count=...}. Arguments: the server's base URL,
	 * the service's protected URL, a username and its password, how many revocations.
	 */
	public static void main(String[] args) throws Exception {
		String server = args[0];
		String protectedUrl = args[1];
		String login = "{\"username\":\"" + args[2] + "\",\"password\":\"" + args[3] + "\"}";
		int count = Integer.parseInt(args[4]);
		List<Double> millis = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			String tokens = send(post(server + "/api/auth/login", login), 200);
			String access = field(tokens, "access_token");
			String refresh = field(tokens, "refresh_token");
			send(get(protectedUrl, access), 200);
			send(post(server + "/api/auth/logout", "{\"refresh_token\":\"" + refresh + "\"}"), 204);
			long loggedOut = System.nanoTime();
			while (true) {
				int status = http.send(get(protectedUrl, access), BodyHandlers.discarding()).statusCode();
				if (status == 401) {
					break;
				}
				if (status != 200) {
					throw new IllegalStateException("The service answered " + status);
				}
				if (System.nanoTime() - loggedOut > 10_000_000_000L) {
					throw new IllegalStateException("The service accepted a revoked token for 10 s");
				}
				Thread.sleep(1);
			}
			millis.add((System.nanoTime() - loggedOut) / 1e6);
		}
		Collections.sort(millis);
		System.out.printf("p50_ms=%.1f p99_ms=%.1f max_ms=%.1f count=%d%n", percentile(millis, 50),
				percentile(millis, 99), millis.get(millis.size() - 1), millis.size());
	}

	private static double percentile(List<Double> sorted, int percent) {
		int index = (int) Math.ceil(percent / 100.0 * sorted.size()) - 1;
		return sorted.get(Math.max(0, index));
	}

	private static HttpRequest post(String url, String json) {
		return HttpRequest.newBuilder(URI.create(url))
			.header("Content-Type", "application/json")
			.POST(BodyPublishers.ofString(json))
			.build();
	}

	private static HttpRequest get(String url, String accessToken) {
		return HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + accessToken).GET().build();
	}

	private static String send(HttpRequest request, int expected) throws Exception {
		HttpResponse<String> response = http.send(request, BodyHandlers.ofString());
		if (response.statusCode() != expected) {
			throw new IllegalStateException(request.uri() + " answered " + response.statusCode() + ": " + response.body());
		}
		return response.body();
	}

	private static String field(String json, String name) {
		Matcher matcher = FIELD.matcher(json);
		while (matcher.find()) {
			if (matcher.group(1).equals(name)) {
				return matcher.group(2);
			}
		}
		throw new IllegalStateException("No " + name + " in the answer");
	}

}
