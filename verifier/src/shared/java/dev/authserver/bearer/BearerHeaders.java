package dev.authserver.bearer;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletRequest;

/**
 * How a bearer token is read from a request (RFC 6750 section 2): the {@code Authorization}
 * header's scheme, and the one place besides it that a client may have put a token, the
 * {@code access_token} query parameter, which the server and the verifier library both refuse
 * beside a header (section 3.1: more than one method is {@code invalid_request}).
 */
public final class BearerHeaders {

	public static final String SCHEME = "Bearer";

	private BearerHeaders() {
	}

	/** Whether the header is of the bearer scheme, whose name is case-insensitive (RFC 9110 section 11.1). */
	public static boolean isBearer(String header) {
		return header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())
				&& (header.length() == SCHEME.length() || Character.isWhitespace(header.charAt(SCHEME.length())));
	}

	/** The token of a bearer header, without the scheme and the space around it. */
	public static String token(String header) {
		return header.substring(SCHEME.length()).strip();
	}

	/** Whether the query names {@code access_token}, however it is percent-encoded. */
	public static boolean hasQueryToken(HttpServletRequest request) {
		String query = request.getQueryString();
		if (query == null) {
			return false;
		}
		for (String pair : query.split("&")) {
			int equals = pair.indexOf('=');
			String name = (equals >= 0) ? pair.substring(0, equals) : pair;
			try {
				// access%5Ftoken is access_token too
				name = URLDecoder.decode(name, StandardCharsets.UTF_8);
			}
			catch (IllegalArgumentException ex) {
				// not valid percent-encoding: compare it as it is
			}
			if (name.equals("access_token")) {
				return true;
			}
		}
		return false;
	}

}
