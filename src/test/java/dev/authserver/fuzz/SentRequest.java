package dev.authserver.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.List;

import dev.authserver.fuzz.FuzzCase.Header;

/**
 * A request as it went to the server, with the credentials filled in.
 *
 * @param method the HTTP method
 * @param path the path and query
 * @param headers the request headers
 * @param body the body, or {@code null} for none
 * @param chunked whether the body went without a {@code Content-Length}
 * @param secrets the tokens it carries, which no answer may echo
 */
record SentRequest(String method, String path, List<Header> headers, byte[] body, boolean chunked,
		List<String> secrets) {

	/** Whether the request carries this token anywhere. */
	boolean carries(String token) {
		return this.secrets.contains(token);
	}

	boolean isSafeMethod() {
		return "GET".equals(this.method) || "HEAD".equals(this.method) || "OPTIONS".equals(this.method);
	}

	@Override
	public String toString() {
		return this.method + " " + printable(this.path, 300) + " " + this.headers + (this.chunked ? " chunked" : "")
				+ " body=" + preview(this.body);
	}

	/** The body as text with everything unprintable escaped, shortened for a report. */
	static String preview(byte[] body) {
		if (body == null) {
			return "<none>";
		}
		return "(" + body.length + " bytes) " + printable(new String(body, StandardCharsets.UTF_8), 400);
	}

	static String printable(String text, int max) {
		StringBuilder out = new StringBuilder();
		for (int i = 0; i < text.length() && out.length() < max; i++) {
			char c = text.charAt(i);
			out.append((c >= 0x20 && c < 0x7f) ? String.valueOf(c) : String.format("\\u%04x", (int) c));
		}
		return (out.length() >= max) ? out + "...(" + text.length() + " chars)" : out.toString();
	}

}
