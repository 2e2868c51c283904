package dev.authserver.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * One generated request, with placeholders such as {@code {{user.access}}} for the
 * credentials, filled in only when it is sent.
 *
 * @param method the HTTP method
 * @param path the path and query, already percent-encoded
 * @param headers the request headers, in order; a name may repeat
 * @param body the body, or {@code null} for none
 * @param chunked whether the body goes without a {@code Content-Length}
 */
record FuzzCase(String method, String path, List<Header> headers, byte[] body, boolean chunked) {

	FuzzCase {
		headers = List.copyOf(headers);
	}

	FuzzCase withHeader(String name, String value) {
		List<Header> more = new ArrayList<>(this.headers);
		more.add(new Header(name, value));
		return new FuzzCase(this.method, this.path, more, this.body, this.chunked);
	}

	/**
	 * The request to send, with every placeholder replaced by its value: the case stays
	 * readable in a failure report, and carries the tokens valid at the moment it is sent.
	 */
	SentRequest resolve(Map<String, String> values) {
		List<String> secrets = new ArrayList<>();
		String path = fill(this.path, values, secrets);
		List<Header> headers = this.headers.stream()
			.map((header) -> new Header(header.name(), fill(header.value(), values, secrets)))
			.toList();
		byte[] body = (this.body != null) ? fillJson(this.body, values, secrets) : null;
		return new SentRequest(this.method, path, headers, body, this.chunked, secrets);
	}

	private static String fill(String text, Map<String, String> values, List<String> secrets) {
		String result = text;
		for (Map.Entry<String, String> value : values.entrySet()) {
			if (result.contains(value.getKey())) {
				result = result.replace(value.getKey(), value.getValue());
				secret(value, secrets);
			}
		}
		return result;
	}

	private static void secret(Map.Entry<String, String> value, List<String> secrets) {
		if (Accounts.isToken(value.getKey())) {
			secrets.add(value.getValue());
		}
	}

	/** Placeholders in a body stand inside JSON strings: their values are escaped for JSON. */
	private static byte[] fillJson(byte[] body, Map<String, String> values, List<String> secrets) {
		byte[] result = body;
		for (Map.Entry<String, String> value : values.entrySet()) {
			byte[] placeholder = value.getKey().getBytes(StandardCharsets.US_ASCII);
			if (indexOf(result, placeholder, 0) >= 0) {
				result = replace(result, placeholder, JsonText.escape(value.getValue()).getBytes(StandardCharsets.UTF_8));
				secret(value, secrets);
			}
		}
		return result;
	}

	private static byte[] replace(byte[] bytes, byte[] target, byte[] replacement) {
		ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length);
		int from = 0;
		for (int at = indexOf(bytes, target, 0); at >= 0; at = indexOf(bytes, target, from)) {
			out.write(bytes, from, at - from);
			out.writeBytes(replacement);
			from = at + target.length;
		}
		out.write(bytes, from, bytes.length - from);
		return out.toByteArray();
	}

	private static int indexOf(byte[] bytes, byte[] target, int from) {
		outer: for (int i = from; i <= bytes.length - target.length; i++) {
			for (int j = 0; j < target.length; j++) {
				if (bytes[i + j] != target[j]) {
					continue outer;
				}
			}
			return i;
		}
		return -1;
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof FuzzCase that && this.method.equals(that.method) && this.path.equals(that.path)
				&& this.headers.equals(that.headers) && Arrays.equals(this.body, that.body)
				&& this.chunked == that.chunked;
	}

	@Override
	public int hashCode() {
		return 31 * (31 * this.method.hashCode() + this.path.hashCode()) + Arrays.hashCode(this.body);
	}

	@Override
	public String toString() {
		return this.method + " " + this.path + " " + this.headers + (this.chunked ? " chunked" : "") + " body="
				+ SentRequest.preview(this.body);
	}

	/**
	 * One request header.
	 *
	 * @param name the header name
	 * @param value the header value
	 */
	record Header(String name, String value) {

		@Override
		public String toString() {
			return this.name + ": " + SentRequest.printable(this.value, 200);
		}

	}

}
