package dev.authserver.verification;

import java.io.Reader;
import java.io.StringReader;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.jsonwebtoken.io.DeserializationException;
import io.jsonwebtoken.io.Deserializer;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON reader jjwt uses for our tokens. It refuses what jjwt would otherwise accept
 * (docs/tokens.md): duplicate member names (RFC 7515 section 5.2 allows a parser to),
 * the {@code crit} and {@code zip} headers even when empty, headers that point at
 * keys elsewhere ({@code jku}, {@code x5u}, {@code jwk}, {@code x5c}), a {@code kid}
 * that is not a non-blank string, {@code exp}, {@code nbf} or {@code iat} that are not
 * JSON numbers within the range jjwt can turn into milliseconds, and JSON nested deeper or
 * holding longer numbers than a small bound.
 */
final class StrictJsonDeserializer implements Deserializer<Map<String, ?>> {

	private static final Set<String> FORBIDDEN_HEADERS = Set.of("crit", "zip", "jku", "x5u", "jwk", "x5c", "enc");

	/** The same, for the header of a JWE, which names its content encryption in {@code enc}. */
	private static final Set<String> FORBIDDEN_JWE_HEADERS = Set.of("crit", "zip", "jku", "x5u", "jwk", "x5c");

	private final Set<String> forbiddenHeaders;

	/** For a JWS: {@code enc} in a header means a JWE where a JWS was expected. */
	StrictJsonDeserializer() {
		this(false);
	}

	StrictJsonDeserializer(boolean jwe) {
		this.forbiddenHeaders = jwe ? FORBIDDEN_JWE_HEADERS : FORBIDDEN_HEADERS;
	}

	private static final Set<String> NUMERIC_DATES = Set.of("exp", "nbf", "iat");

	private static final long MAX_SECONDS = Long.MAX_VALUE / 1000;

	/**
	 * The same small bounds as request bodies have (docs/security.md): our tokens nest two
	 * deep and hold numbers of ten digits. Jackson's defaults (500 deep, 1000 digits) let a
	 * token signed with our key through far past them, and are what every unsigned token is
	 * parsed under before its signature is checked.
	 */
	private static final StreamReadConstraints LIMITS = StreamReadConstraints.builder()
		.maxNestingDepth(16)
		.maxNumberLength(32)
		.build();

	private final JsonMapper mapper = JsonMapper.builder(JsonFactory.builder().streamReadConstraints(LIMITS).build())
		.build();

	@Override
	public Map<String, ?> deserialize(byte[] bytes) {
		return deserialize(new StringReader(new String(bytes, StandardCharsets.UTF_8)));
	}

	@Override
	public Map<String, ?> deserialize(Reader reader) {
		Map<String, Object> map;
		try (JsonParser parser = this.mapper.createParser(reader)) {
			if (parser.nextToken() != JsonToken.START_OBJECT) {
				throw new DeserializationException("Not a JSON object");
			}
			map = readObject(parser);
			if (parser.nextToken() != null) {
				throw new DeserializationException("Not a single JSON object");
			}
		}
		catch (JacksonException ex) {
			throw new DeserializationException("Not a JSON object without duplicate names");
		}
		if (map.containsKey("alg")) {
			for (String name : this.forbiddenHeaders) {
				if (map.containsKey(name)) {
					throw new DeserializationException("Header '" + name + "' is not accepted");
				}
			}
			// jjwt drops empty values, blank strings among them, so a kid of "", " ", null or {}
			// would never reach the key locator: the token would pass as one without a kid
			if (map.containsKey("kid") && !(map.get("kid") instanceof String kid && !kid.isBlank())) {
				throw new DeserializationException("Header 'kid' is not a key id");
			}
		}
		for (String name : NUMERIC_DATES) {
			Object value = map.get(name);
			if (value != null && (!(value instanceof Number number) || value instanceof BigInteger
					|| value instanceof BigDecimal || !inMillisecondRange(number))) {
				throw new DeserializationException("'" + name + "' is not a number of seconds");
			}
			if (value == null && map.containsKey(name)) {
				throw new DeserializationException("'" + name + "' is null");
			}
		}
		return map;
	}

	/**
	 * Reads the members of the object whose start the parser is on into the same types
	 * Jackson's untyped binding gives, straight from the token stream: the header and the
	 * claims are small, and binding them through a {@code Map} type costs more than reading
	 * them. The parser refuses too deep or too long input.
	 */
	private static Map<String, Object> readObject(JsonParser parser) {
		Map<String, Object> map = new LinkedHashMap<>();
		for (String name = parser.nextName(); name != null; name = parser.nextName()) {
			int size = map.size();
			map.put(name, readValue(parser, parser.nextToken()));
			// the map itself tells a repeated name: it did not grow
			if (map.size() == size) {
				throw new DeserializationException("Duplicate name '" + name + "'");
			}
		}
		return map;
	}

	private static Object readValue(JsonParser parser, JsonToken token) {
		if (token == null) {
			throw new DeserializationException("Not a complete JSON value");
		}
		return switch (token) {
			case START_OBJECT -> readObject(parser);
			case START_ARRAY -> readArray(parser);
			case VALUE_STRING -> parser.getString();
			case VALUE_NUMBER_INT -> switch (parser.getNumberType()) {
				case INT -> parser.getIntValue();
				case LONG -> parser.getLongValue();
				default -> parser.getBigIntegerValue();
			};
			case VALUE_NUMBER_FLOAT -> parser.getDoubleValue();
			case VALUE_TRUE -> Boolean.TRUE;
			case VALUE_FALSE -> Boolean.FALSE;
			case VALUE_NULL -> null;
			default -> throw new DeserializationException("Not JSON");
		};
	}

	private static List<Object> readArray(JsonParser parser) {
		List<Object> list = new ArrayList<>();
		for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
			list.add(readValue(parser, token));
		}
		return list;
	}

	/**
	 * jjwt turns seconds into milliseconds with an unchecked {@code long} multiplication, so a
	 * larger value would wrap around to some other date, past or even near future.
	 */
	private static boolean inMillisecondRange(Number seconds) {
		if (seconds instanceof Double || seconds instanceof Float) {
			double value = seconds.doubleValue();
			return Double.isFinite(value) && Math.abs(value) < MAX_SECONDS;
		}
		long value = seconds.longValue();
		return value >= -MAX_SECONDS && value <= MAX_SECONDS;
	}

}
