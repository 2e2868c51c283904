package dev.authserver.support;

import java.util.UUID;

import com.jayway.jsonpath.JsonPath;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;

/** Calls of the public endpoints that many tests need, over {@link MockMvcTester}. */
public class Api {

	public static final String PASSWORD = "correct horse battery staple";

	private final MockMvcTester mvc;

	Api(MockMvcTester mvc) {
		this.mvc = mvc;
	}

	/** A username no other test uses. */
	public static String uniqueUsername() {
		return "user-" + UUID.randomUUID().toString().substring(0, 13);
	}

	public Tokens signup(String username) {
		MvcTestResult result = post("/api/auth/signup",
				"{\"username\":\"" + username + "\",\"password\":\"" + PASSWORD + "\"}");
		assertThat(result).hasStatus(HttpStatus.CREATED);
		return Tokens.of(result);
	}

	public Tokens signup() {
		return signup(uniqueUsername());
	}

	public Tokens login(String username, String password) {
		MvcTestResult result = post("/api/auth/login",
				"{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}");
		assertThat(result).hasStatus(HttpStatus.OK);
		return Tokens.of(result);
	}

	public MvcTestResult refresh(String refreshToken) {
		return post("/api/auth/refresh", "{\"refresh_token\":\"" + refreshToken + "\"}");
	}

	public MvcTestResult logout(String refreshToken) {
		return post("/api/auth/logout", "{\"refresh_token\":\"" + refreshToken + "\"}");
	}

	public MvcTestResult post(String path, String json) {
		return this.mvc.post().uri(path).contentType(MediaType.APPLICATION_JSON).content(json).exchange();
	}

	public MvcTestResult get(String path, String accessToken) {
		return this.mvc.get().uri(path).header("Authorization", "Bearer " + accessToken).exchange();
	}

	public MvcTestResult delete(String path, String accessToken) {
		return this.mvc.delete().uri(path).header("Authorization", "Bearer " + accessToken).exchange();
	}

	public MvcTestResult put(String path, String accessToken, String json) {
		return this.mvc.put()
			.uri(path)
			.header("Authorization", "Bearer " + accessToken)
			.contentType(MediaType.APPLICATION_JSON)
			.content(json)
			.exchange();
	}

	/** A bearer POST, with a JSON body or none. */
	public MvcTestResult post(String path, String accessToken, String json) {
		var request = this.mvc.post().uri(path).header("Authorization", "Bearer " + accessToken);
		return (json != null) ? request.contentType(MediaType.APPLICATION_JSON).content(json).exchange()
				: request.exchange();
	}

	/**
	 * The two tokens of a token response.
	 *
	 * @param accessToken {@code access_token}
	 * @param refreshToken {@code refresh_token}
	 */
	public record Tokens(String accessToken, String refreshToken) {

		public static Tokens of(MvcTestResult result) {
			String body = body(result);
			return new Tokens(JsonPath.read(body, "$.access_token"), JsonPath.read(body, "$.refresh_token"));
		}

	}

	public static String body(MvcTestResult result) {
		try {
			return result.getResponse().getContentAsString();
		}
		catch (java.io.UnsupportedEncodingException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
