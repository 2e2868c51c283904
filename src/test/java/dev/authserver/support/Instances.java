package dev.authserver.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;

import dev.authserver.AuthServerApplication;

/**
 * Whole server instances started in the test JVM on a random port, driven over real HTTP:
 * several of them on one database behave as instances behind a load balancer.
 */
public final class Instances {

	private static final HttpClient http = HttpClient.newHttpClient();

	private Instances() {
	}

	/** Starts an instance with the test profile's key and these extra properties. */
	public static ConfigurableApplicationContext start(List<String> properties) {
		return start(properties, null);
	}

	/** Starts an instance that tells time by {@code clock}, or by the system clock when it is {@code null}. */
	public static ConfigurableApplicationContext start(List<String> properties, Clock clock) {
		List<String> all = new ArrayList<>(properties);
		// defaults that the given properties override; a name given twice would bind as a list
		for (String fallback : List.of("server.port=0", "server.address=127.0.0.1",
				"auth.jwt.secret=dGVzdC1vbmx5LWtleS10ZXN0LW9ubHkta2V5LXRlc3Qtb25seS1rZXk=",
				"auth.admin.password=admin-password-for-tests", "logging.level.root=WARN",
				"spring.main.banner-mode=off")) {
			String name = fallback.substring(0, fallback.indexOf('=') + 1);
			if (properties.stream().noneMatch((property) -> property.startsWith(name))) {
				all.add(fallback);
			}
		}
		SpringApplicationBuilder builder = new SpringApplicationBuilder(AuthServerApplication.class);
		if (clock != null) {
			builder.initializers((context) -> ((GenericApplicationContext) context).registerBean("instanceClock",
					Clock.class, () -> clock, (definition) -> definition.setPrimary(true)));
		}
		// as command-line arguments, which win over application.properties (default properties would not)
		return builder.run(all.stream().map((property) -> "--" + property).toArray(String[]::new));
	}

	public static HttpResponse<String> post(ConfigurableApplicationContext instance, String path, String accessToken,
			String json) throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri(instance, path));
		if (accessToken != null) {
			request.header("Authorization", "Bearer " + accessToken);
		}
		if (json != null) {
			request.header("Content-Type", "application/json").POST(BodyPublishers.ofString(json));
		}
		else {
			request.POST(BodyPublishers.noBody());
		}
		return http.send(request.build(), BodyHandlers.ofString());
	}

	public static HttpResponse<String> put(ConfigurableApplicationContext instance, String path, String accessToken,
			String json) throws IOException, InterruptedException {
		return http.send(HttpRequest.newBuilder(uri(instance, path))
			.header("Authorization", "Bearer " + accessToken)
			.header("Content-Type", "application/json")
			.PUT(BodyPublishers.ofString(json))
			.build(), BodyHandlers.ofString());
	}

	public static HttpResponse<String> delete(ConfigurableApplicationContext instance, String path, String accessToken)
			throws IOException, InterruptedException {
		return http.send(HttpRequest.newBuilder(uri(instance, path))
			.header("Authorization", "Bearer " + accessToken)
			.DELETE()
			.build(), BodyHandlers.ofString());
	}

	/** A GET with the access token, or with none when it is {@code null}. */
	public static HttpResponse<String> get(ConfigurableApplicationContext instance, String path, String accessToken)
			throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri(instance, path)).GET();
		if (accessToken != null) {
			request.header("Authorization", "Bearer " + accessToken);
		}
		return http.send(request.build(), BodyHandlers.ofString());
	}

	/** A JSON POST without a token, with extra headers such as {@code X-Forwarded-For}. */
	public static HttpResponse<String> postWithHeaders(ConfigurableApplicationContext instance, String path, String json,
			Map<String, String> headers) throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri(instance, path))
			.header("Content-Type", "application/json")
			.POST(BodyPublishers.ofString(json));
		headers.forEach(request::header);
		return http.send(request.build(), BodyHandlers.ofString());
	}

	/** Stops each instance that started; a {@code null} one (whose start failed) is skipped. */
	public static void close(ConfigurableApplicationContext... instances) {
		for (ConfigurableApplicationContext instance : instances) {
			if (instance != null) {
				instance.close();
			}
		}
	}

	/** A form POST, with this {@code Authorization} header or none when it is {@code null}. */
	public static HttpResponse<String> postForm(ConfigurableApplicationContext instance, String path,
			String authorization, String form) throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri(instance, path))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(BodyPublishers.ofString(form));
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		return http.send(request.build(), BodyHandlers.ofString());
	}

	/** The {@code Authorization} header of a service client: HTTP Basic of its id and secret. */
	public static String basic(String id, String secret) {
		return "Basic " + java.util.Base64.getEncoder()
			.encodeToString((id + ":" + secret).getBytes(java.nio.charset.StandardCharsets.UTF_8));
	}

	public static URI uri(ConfigurableApplicationContext instance, String path) {
		int port = ((WebServerApplicationContext) instance).getWebServer().getPort();
		return URI.create("http://127.0.0.1:" + port + path);
	}

}
