package dev.authserver.user;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

import org.springframework.stereotype.Component;

/**
 * The commonly breached passwords a new password may not be (NIST SP 800-63B-4 section
 * 3.1.1.2), checked offline. The list is the 30,000 most common passwords from leaked
 * databases that zxcvbn ships ({@code com.nulab-inc:zxcvbn}); those shorter than 8
 * characters are left out, since no configuration accepts them anyway.
 */
@Component
public class BreachedPasswords {

	static final String LIST = "/com/nulabinc/zxcvbn/matchers/dictionaries/passwords.txt";

	private final Set<String> passwords;

	BreachedPasswords() {
		this.passwords = load();
	}

	/** Whether the password is on the list, without regard to case. */
	public boolean contains(String password) {
		return this.passwords.contains(password.toLowerCase(Locale.ROOT));
	}

	int size() {
		return this.passwords.size();
	}

	private static Set<String> load() {
		try (InputStream in = BreachedPasswords.class.getResourceAsStream(LIST)) {
			if (in == null) {
				throw new IllegalStateException("The breached-password list " + LIST + " is missing from the classpath");
			}
			Set<String> passwords = new HashSet<>(16_384);
			BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
			for (String line = reader.readLine(); line != null; line = reader.readLine()) {
				String password = line.strip().toLowerCase(Locale.ROOT);
				if (password.length() >= 8) {
					passwords.add(password);
				}
			}
			return Set.copyOf(passwords);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
