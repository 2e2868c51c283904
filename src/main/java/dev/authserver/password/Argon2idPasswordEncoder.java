package dev.authserver.password;

import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.jna.Memory;
import de.mkammerer.argon2.Argon2;
import de.mkammerer.argon2.Argon2Factory;
import de.mkammerer.argon2.Argon2Factory.Argon2Types;
import de.mkammerer.argon2.Argon2Version;
import de.mkammerer.argon2.jna.Argon2Library;
import de.mkammerer.argon2.jna.Argon2_context;
import de.mkammerer.argon2.jna.JnaUint32;

import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Argon2id through the reference C implementation (argon2-jvm, libargon2 bundled for
 * the common platforms). The hash is the standard encoding,
 * {@code $argon2id$v=19$m=...,t=...,p=...$salt$hash}, the one Spring Security's
 * {@code Argon2PasswordEncoder} writes and reads, so hashes move freely between the two.
 * <p>
 * Why not that encoder: it computes in Java on the heap, allocating the whole memory cost
 * (19 MiB) anew for every hash. Under a stream of logins that churn fills any modest heap
 * again and again, and the collector's pauses reach every request of the server; the C
 * implementation takes its memory outside the heap, and computes
 * the same hash faster.
 * <p>
 * A verification of a hash in the form this encoder writes goes through libargon2's context
 * function with the memory of {@link HashMemory}, reused from one login to the next; any other
 * form goes to argon2-jvm's own verification, which decodes it in the library.
 */
final class Argon2idPasswordEncoder implements PasswordEncoder {

	private static final int SALT_BYTES = 16;

	private static final int HASH_BYTES = 32;

	private final Argon2 argon2 = Argon2Factory.create(Argon2Types.ARGON2id, SALT_BYTES, HASH_BYTES);

	/** libargon2's {@code ARGON2_OK}. */
	private static final int OK = 0;

	private final HashMemory memory;

	private final int memoryKib;

	private final int iterations;

	private final int parallelism;

	Argon2idPasswordEncoder(int memoryKib, int iterations, int parallelism) {
		this(memoryKib, iterations, parallelism, new HashMemory());
	}

	Argon2idPasswordEncoder(int memoryKib, int iterations, int parallelism, HashMemory memory) {
		this.memory = memory;
		this.memoryKib = memoryKib;
		this.iterations = iterations;
		this.parallelism = parallelism;
	}

	@Override
	public String encode(CharSequence rawPassword) {
		char[] password = toChars(rawPassword);
		try {
			return this.argon2.hash(this.iterations, this.memoryKib, this.parallelism, password,
					StandardCharsets.UTF_8);
		}
		finally {
			this.argon2.wipeArray(password);
		}
	}

	@Override
	public boolean matches(CharSequence rawPassword, String encodedPassword) {
		if (rawPassword == null || encodedPassword == null || !encodedPassword.startsWith("$argon2id$")) {
			return false;
		}
		Encoded encoded = Encoded.parse(encodedPassword);
		char[] password = toChars(rawPassword);
		try {
			return (encoded != null) ? verify(encoded, password)
					: this.argon2.verify(encodedPassword, password, StandardCharsets.UTF_8);
		}
		finally {
			this.argon2.wipeArray(password);
		}
	}

	/** {@code argon2id_verify_ctx}: the hash of the password with the encoded salt and cost, compared in constant time. */
	private boolean verify(Encoded encoded, char[] password) {
		ByteBuffer utf8 = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
		byte[] bytes = new byte[utf8.remaining()];
		utf8.get(bytes);
		Arrays.fill(utf8.array(), (byte) 0);
		// libargon2 refuses null buffers even for empty inputs
		try (Memory pwd = new Memory(Math.max(1, bytes.length));
				Memory salt = new Memory(encoded.salt().length);
				Memory out = new Memory(encoded.hash().length)) {
			pwd.write(0, bytes, 0, bytes.length);
			salt.write(0, encoded.salt(), 0, encoded.salt().length);
			Argon2_context.ByReference context = new Argon2_context.ByReference();
			context.out = out;
			context.outlen = new JnaUint32(encoded.hash().length);
			context.pwd = pwd;
			context.pwdlen = new JnaUint32(bytes.length);
			context.salt = salt;
			context.saltlen = new JnaUint32(encoded.salt().length);
			context.secretlen = new JnaUint32(0);
			context.adlen = new JnaUint32(0);
			context.t_cost = new JnaUint32(encoded.iterations());
			context.m_cost = new JnaUint32(encoded.memoryKib());
			context.lanes = new JnaUint32(encoded.parallelism());
			// lanes are computed one after the other: the same hash, and one thread per hash as the pool assumes
			context.threads = new JnaUint32(1);
			context.version = Argon2Version.V13.getJnaType();
			context.allocate_cbk = this.memory.allocateFunction;
			context.free_cbk = this.memory.deallocateFunction;
			context.flags = new JnaUint32(0);
			try {
				return Argon2Library.INSTANCE.argon2id_verify_ctx(context, encoded.hash()) == OK;
			}
			finally {
				pwd.clear();
				out.clear();
				// the callbacks libargon2 calls belong to the memory: reachable until the call returns
				Reference.reachabilityFence(this.memory);
			}
		}
		finally {
			Arrays.fill(bytes, (byte) 0);
		}
	}

	@Override
	public boolean upgradeEncoding(String encodedPassword) {
		if (encodedPassword == null || !encodedPassword.startsWith("$argon2id$")) {
			return false;
		}
		try {
			return this.argon2.needsRehash(encodedPassword, this.iterations, this.memoryKib, this.parallelism);
		}
		catch (IllegalArgumentException ex) {
			// a malformed hash; its message would carry the hash itself
			return false;
		}
	}

	private static char[] toChars(CharSequence text) {
		char[] chars = new char[text.length()];
		for (int i = 0; i < chars.length; i++) {
			chars[i] = text.charAt(i);
		}
		return chars;
	}

	/**
	 * The parts of {@code $argon2id$v=19$m=<kib>,t=<passes>,p=<lanes>$<salt>$<hash>}, salt and
	 * hash in base64 without padding: the only form this encoder and Spring Security's write.
	 * Anything else, older versions, leading zeros and non-canonical base64 included, is
	 * {@code null} and left to the library.
	 */
	record Encoded(int memoryKib, int iterations, int parallelism, byte[] salt, byte[] hash) {

		private static final Pattern FORM = Pattern
			.compile("\\$argon2id\\$v=19\\$m=(0|[1-9][0-9]{0,8}),t=(0|[1-9][0-9]{0,8}),p=(0|[1-9][0-9]{0,2})"
					+ "\\$([A-Za-z0-9+/]+)\\$([A-Za-z0-9+/]+)");

		static Encoded parse(String encoded) {
			Matcher parts = FORM.matcher(encoded);
			if (!parts.matches()) {
				return null;
			}
			byte[] salt = canonical(parts.group(4));
			byte[] hash = canonical(parts.group(5));
			if (salt == null || hash == null) {
				return null;
			}
			return new Encoded(Integer.parseInt(parts.group(1)), Integer.parseInt(parts.group(2)),
					Integer.parseInt(parts.group(3)), salt, hash);
		}

		/** The bytes, when the text is their one unpadded encoding, as libargon2 requires (no stray bits at the end). */
		private static byte[] canonical(String text) {
			try {
				byte[] bytes = Base64.getDecoder().decode(text);
				return Base64.getEncoder().withoutPadding().encodeToString(bytes).equals(text) ? bytes : null;
			}
			catch (IllegalArgumentException ex) {
				return null;
			}
		}

	}

}
