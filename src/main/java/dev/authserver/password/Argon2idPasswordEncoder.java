package dev.authserver.password;

import java.nio.charset.StandardCharsets;

import de.mkammerer.argon2.Argon2;
import de.mkammerer.argon2.Argon2Factory;
import de.mkammerer.argon2.Argon2Factory.Argon2Types;

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
 * implementation takes its memory outside the heap and returns it at once, and computes
 * the same hash faster.
 */
final class Argon2idPasswordEncoder implements PasswordEncoder {

	private static final int SALT_BYTES = 16;

	private static final int HASH_BYTES = 32;

	private final Argon2 argon2 = Argon2Factory.create(Argon2Types.ARGON2id, SALT_BYTES, HASH_BYTES);

	private final int memoryKib;

	private final int iterations;

	private final int parallelism;

	Argon2idPasswordEncoder(int memoryKib, int iterations, int parallelism) {
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
		char[] password = toChars(rawPassword);
		try {
			return this.argon2.verify(encodedPassword, password, StandardCharsets.UTF_8);
		}
		finally {
			this.argon2.wipeArray(password);
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

}
