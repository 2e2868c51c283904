package dev.authserver.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The feed figure of bench/run.sh: {@code receivers} service clients ({@code receiver-<i>}, secret
 * {@code receiver-secret-<i>-for-the-bench}) each long-polling the event feed without a pause,
 * and acknowledging what it received, as the verifier library does, for the given seconds.
 * Prints how many polls were answered and how many failed.
 */
public final class FeedPollers {

	/** A SET in an answer: its {@code jti}, then the JWS. */
	private static final Pattern SET = Pattern.compile("\"([0-9]+)\"\\s*:\\s*\"ey");

	private FeedPollers() {
	}

	/** Arguments: the server's base URL, how many receivers, how many seconds. */
	public static void main(String[] args) throws Exception {
		URI feed = URI.create(args[0] + "/api/events/poll");
		int receivers = Integer.parseInt(args[1]);
		double seconds = Double.parseDouble(args[2]);
		HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
		AtomicBoolean running = new AtomicBoolean(true);
		LongAdder answered = new LongAdder();
		LongAdder failed = new LongAdder();
		List<Thread> pollers = new ArrayList<>();
		for (int i = 0; i < receivers; i++) {
			String credential = Base64.getEncoder()
				.encodeToString(("receiver-" + i + ":receiver-secret-" + i + "-for-the-bench").getBytes(StandardCharsets.UTF_8));
			Thread poller = new Thread(() -> {
				String ack = "";
				while (running.get()) {
					try {
						HttpResponse<String> response = http.send(HttpRequest.newBuilder(feed)
							.header("Authorization", "Basic " + credential)
							.header("Content-Type", "application/json")
							.timeout(Duration.ofSeconds(60))
							.POST(BodyPublishers.ofString("{\"ack\":[" + ack + "],\"returnImmediately\":false}"))
							.build(), BodyHandlers.ofString());
						(response.statusCode() == 200 ? answered : failed).increment();
						List<String> jtis = new ArrayList<>();
						Matcher set = SET.matcher(response.body());
						while (set.find()) {
							jtis.add("\"" + set.group(1) + "\"");
						}
						ack = String.join(",", jtis);
					}
					catch (Exception ex) {
						failed.increment();
					}
				}
			});
			poller.setDaemon(true);
			poller.start();
			pollers.add(poller);
		}
		long start = System.nanoTime();
		Thread.sleep((long) (seconds * 1000));
		running.set(false);
		double elapsed = (System.nanoTime() - start) / 1e9;
		System.out.printf("receivers=%d polls=%d polls_per_second=%.2f failed=%d%n", receivers, answered.sum(),
				answered.sum() / elapsed, failed.sum());
		System.exit(0);
	}

}
