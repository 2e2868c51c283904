package dev.authserver.attack;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.test.web.servlet.assertj.MvcTestResult;

import dev.authserver.attack.Forgery.Draft;
import dev.authserver.token.TokenForge;

import static dev.authserver.attack.Forgery.str;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * RFC 8725 section 3.11 and docs/tokens.md: a deflate bomb signed with our own key is
 * answered 401 at once, without ever being inflated (its payload segment is not UTF-8
 * JSON, and the {@code zip} header is refused even over one that is): the request takes
 * well under a second and allocates a small fraction of what the bomb would inflate to.
 */
class CompressionAttackTest extends AttackTest {

	/** What the bomb inflates to: almost six million bytes, from under 6 KiB. */
	private static final int BOMB_BYTES = 5_900_000;

	/** Far below the bomb, far above what refusing a token costs. */
	private static final long ALLOCATION_BOUND = 2_000_000;

	private static final Duration PROMPTLY = Duration.ofSeconds(1);

	@Test
	void meWhenForgedByTheRulesThenAccepted() {
		this.attacker.assertAccessAccepted(this.forgery.access().signed());
	}

	@ParameterizedTest
	@ValueSource(strings = { "DEF", "GZIP" })
	void meWhenDeflateBombUnderTheSizeLimitThenInvalidTokenWithoutInflating(String zip) {
		Draft draft = this.forgery.access().header("zip", str(zip));
		String token = TokenForge.signSegments(TokenForge.encode(draft.headerJson()),
				TokenForge.encode(bomb(draft, BOMB_BYTES, zip)), this.forgery.accessKey(), TokenForge.HS256);
		// under 8 KiB, so the size rule cannot be what refuses it
		assertThat(token.length()).isLessThanOrEqualTo(8 * 1024);

		warmUp();
		MvcTestResult[] result = new MvcTestResult[1];
		long start = System.nanoTime();
		long allocated = allocatedInThisThread(() -> result[0] = this.attacker.me(token));
		Duration took = Duration.ofNanos(System.nanoTime() - start);

		Attacker.assertInvalidToken(result[0], token);
		assertThat(took).as("time to refuse the bomb").isLessThan(PROMPTLY);
		assertThat(allocated).as("bytes allocated while refusing the bomb").isLessThan(ALLOCATION_BOUND);
		this.attacker.assertAccessRejected(token);
	}

	@Test
	void meWhenDeflateBombOverTheSizeLimitThenInvalidTokenPromptly() {
		Draft draft = this.forgery.access().header("zip", str("DEF"));
		String token = TokenForge.signSegments(TokenForge.encode(draft.headerJson()),
				TokenForge.encode(bomb(draft, 10 * 1024 * 1024, "DEF")), this.forgery.accessKey(), TokenForge.HS256);

		Attacker.within(PROMPTLY, () -> {
			this.attacker.assertAccessRejected(token);
			return null;
		});
	}

	@ParameterizedTest
	@ValueSource(strings = { "\"DEF\"", "\"GZIP\"", "\"def\"", "\"\"", "\"NONE\"", "null", "{}", "[]", "0" })
	void meWhenZipHeaderOnOrdinaryCompressedClaimsThenInvalidToken(String zip) {
		// the claims are truly deflated, small and valid: only the zip rule can refuse them
		Draft draft = this.forgery.access().header("zip", zip);
		String format = zip.contains("GZIP") ? "GZIP" : "DEF";
		String token = TokenForge.signSegments(TokenForge.encode(draft.headerJson()),
				TokenForge.encode(compress(draft.claimsBytes(), format)), this.forgery.accessKey(), TokenForge.HS256);

		this.attacker.assertAccessRejected(token);
	}

	@Test
	void meWhenZipHeaderOnPlainClaimsThenInvalidToken() {
		this.attacker.assertAccessRejected(this.forgery.access().header("zip", str("DEF")).signed());
	}

	@Test
	void refreshWhenDeflateBombThenInvalidTokenWithoutInflating() {
		Attacker.within(PROMPTLY.multipliedBy(3), () -> {
			this.attacker.assertRefreshAttackFails((draft) -> {
				draft.header("zip", str("DEF"));
				return draft.signedSegments(TokenForge.encode(draft.headerJson()),
						TokenForge.encode(bomb(draft, BOMB_BYTES, "DEF")));
			});
			return null;
		});
	}

	@Test
	void refreshWhenZipHeaderOnCompressedClaimsThenInvalidToken() {
		this.attacker.assertRefreshAttackFails((draft) -> {
			draft.header("zip", str("DEF"));
			return draft.signedSegments(TokenForge.encode(draft.headerJson()),
					TokenForge.encode(compress(draft.claimsBytes(), "DEF")));
		});
	}

	/** A first request of the same kind, so that class loading is not counted against the bomb. */
	private void warmUp() {
		String token = this.forgery.access().header("zip", str("DEF")).signed();
		this.attacker.me(token);
	}

	/** MockMvc answers on the calling thread, so its allocations are exactly the request's. */
	private static long allocatedInThisThread(Runnable action) {
		com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory
			.getThreadMXBean();
		long before = threads.getCurrentThreadAllocatedBytes();
		action.run();
		return threads.getCurrentThreadAllocatedBytes() - before;
	}

	/**
	 * The draft's claims with a filler claim of {@code size} zeros, compressed: valid claims
	 * once inflated, streamed so that the test itself never holds them whole.
	 */
	private static byte[] bomb(Draft draft, int size, String format) {
		String claims = draft.claimsJson();
		byte[] head = (claims.substring(0, claims.length() - 1) + ",\"pad\":\"").getBytes(StandardCharsets.US_ASCII);
		byte[] zeros = new byte[64 * 1024];
		Arrays.fill(zeros, (byte) '0');
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (OutputStream out = compressor(bytes, format)) {
			out.write(head);
			for (int written = 0; written < size; written += zeros.length) {
				out.write(zeros, 0, Math.min(zeros.length, size - written));
			}
			out.write("\"}".getBytes(StandardCharsets.US_ASCII));
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		return bytes.toByteArray();
	}

	private static byte[] compress(byte[] input, String format) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (OutputStream out = compressor(bytes, format)) {
			out.write(input);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		return bytes.toByteArray();
	}

	/** What jjwt writes for {@code DEF} (zlib) and {@code GZIP}. */
	private static OutputStream compressor(ByteArrayOutputStream bytes, String format) throws IOException {
		return format.equals("GZIP") ? new GZIPOutputStream(bytes)
				: new DeflaterOutputStream(bytes, new Deflater(Deflater.BEST_COMPRESSION));
	}

}
