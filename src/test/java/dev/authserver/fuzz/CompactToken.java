package dev.authserver.fuzz;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** A compact JWS taken apart and put together by hand, so that a mutation can break any one rule. */
final class CompactToken {

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

	private CompactToken() {
	}

	/** The segments between the dots, empty ones kept. */
	static String[] segments(String token) {
		return token.split("\\.", -1);
	}

	static byte[] decode(String segment) {
		return Base64.getUrlDecoder().decode(segment);
	}

	/** Base64url without padding: the canonical form of RFC 7515 section 2. */
	static String encode(byte[] bytes) {
		return URL.encodeToString(bytes);
	}

	static String encode(String text) {
		return encode(text.getBytes(StandardCharsets.UTF_8));
	}

	/** The members of a header or payload segment, in order. */
	static Map<String, Object> members(String segment) {
		return json.readValue(decode(segment), new TypeReference<LinkedHashMap<String, Object>>() {
		});
	}

	static String render(Map<String, Object> members) {
		return json.writeValueAsString(members);
	}

	/** Whether the token is an access token, by its header's {@code typ}. */
	static boolean isAccessToken(String token) {
		return "at+jwt".equals(members(segments(token)[0]).get("typ"));
	}

	/** The signature of {@code header.payload} with a JCA MAC algorithm, base64url encoded. */
	static String mac(String signingInput, byte[] key, String macAlgorithm) {
		try {
			Mac mac = Mac.getInstance(macAlgorithm);
			mac.init(new SecretKeySpec(key, macAlgorithm));
			return encode(mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * The keys the server signs with, so that a mutated header or payload can carry a valid
	 * signature and only the rule it breaks can refuse it.
	 *
	 * @param accessKey the access-token key
	 * @param refreshKey the refresh-token key
	 */
	record Keys(byte[] accessKey, byte[] refreshKey) {

		byte[] keyFor(boolean access) {
			return access ? this.accessKey : this.refreshKey;
		}

	}

}
