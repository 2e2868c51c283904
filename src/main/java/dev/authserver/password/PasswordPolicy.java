package dev.authserver.password;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import com.nulabinc.zxcvbn.Pattern;
import com.nulabinc.zxcvbn.StandardDictionaries;
import com.nulabinc.zxcvbn.StandardKeyboards;
import com.nulabinc.zxcvbn.Strength;
import com.nulabinc.zxcvbn.Zxcvbn;
import com.nulabinc.zxcvbn.ZxcvbnBuilder;
import com.nulabinc.zxcvbn.matchers.Match;

import org.springframework.stereotype.Component;
import org.springframework.util.function.SingletonSupplier;

import dev.authserver.token.JwtProperties;

/**
 * The blocklist of NIST SP 800-63B-4 section 3.1.1.2 for new passwords, through zxcvbn's own
 * matchers (docs/security.md): breached passwords, dictionary words (also reversed or with
 * letters swapped for digits), repeated and sequential characters, keyboard walks, dates, and
 * words of the context (the username, the email's local part, the service's name). A password
 * is refused when zxcvbn estimates fewer than 10^10 guesses for it, the mark of its strongest
 * score; a long passphrase or a random password is far above. No composition rule applies.
 * The detail says in plain words which pattern made it guessable. zxcvbn's time grows faster
 * than the length, so it judges the first {@value #MEASURED_LENGTH} characters: a password
 * must not begin with that many guessable ones.
 */
@Component
public class PasswordPolicy {

	/** zxcvbn's score 4: "very unguessable: strong protection from offline slow-hash scenario". */
	static final double MIN_GUESSES_LOG10 = 10;

	/** Characters (code points) judged: zxcvbn's time grows faster than the length, twice as many cost far more. */
	static final int MEASURED_LENGTH = 64;

	private static final String SERVICE_NAME = "auth-server";

	/** zxcvbn with its dictionaries, loaded by the first password judged: a start that judges none skips them. */
	private final SingletonSupplier<Zxcvbn> zxcvbn = SingletonSupplier.of(PasswordPolicy::load);

	private final List<String> serviceWords;

	PasswordPolicy(JwtProperties jwt) {
		List<String> service = new ArrayList<>(words(SERVICE_NAME));
		service.addAll(words(jwt.issuer()));
		this.serviceWords = List.copyOf(service);
	}

	/**
	 * Refuses a new password that is too easy to guess, with {@link WeakPasswordException}
	 * naming {@code field}.
	 *
	 * @param email the account's email, or {@code null}
	 */
	public void check(String field, String password, String username, String email) {
		Map<String, String> context = new LinkedHashMap<>();
		words(username).forEach((word) -> context.putIfAbsent(word, "your username"));
		if (email != null && email.indexOf('@') > 0) {
			words(email.substring(0, email.lastIndexOf('@'))).forEach((word) -> context.putIfAbsent(word,
					"your email address"));
		}
		this.serviceWords.forEach((word) -> context.putIfAbsent(word, "the service's name"));
		String measured = password.substring(0,
				password.offsetByCodePoints(0, Math.min(MEASURED_LENGTH, password.codePointCount(0, password.length()))));
		Strength strength = this.zxcvbn.obtain().measure(measured, new ArrayList<>(context.keySet()));
		try {
			if (strength.getGuessesLog10() < MIN_GUESSES_LOG10) {
				throw new WeakPasswordException(field, reason(strength.getSequence(), context, measured.length()));
			}
		}
		finally {
			strength.wipe();
		}
	}

	private static Zxcvbn load() {
		try {
			return new ZxcvbnBuilder().dictionaries(StandardDictionaries.loadAllDictionaries())
				.keyboards(StandardKeyboards.loadAllKeyboards())
				.build();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("zxcvbn's dictionaries are missing from the class path", ex);
		}
	}

	private static String reason(List<Match> matches, Map<String, String> context, int length) {
		Optional<Match> contextual = matches.stream()
			.filter((match) -> match.pattern == Pattern.Dictionary && "user_inputs".equals(match.dictionaryName))
			.findFirst();
		if (contextual.isPresent()) {
			String source = context.getOrDefault(contextual.get().matchedWord.toString(), "your details");
			return "is too easy to guess: it contains " + source;
		}
		Optional<Match> longest = matches.stream()
			.filter((match) -> match.pattern != Pattern.Bruteforce)
			.max(Comparator.comparingInt(Match::tokenLength));
		if (longest.isEmpty()) {
			return "is too easy to guess; a few words of your own make a strong passphrase";
		}
		Match match = longest.get();
		return switch (match.pattern) {
			case Dictionary -> ("passwords".equals(match.dictionaryName) && match.tokenLength() == length)
					? "is a commonly breached password; choose another"
					: "is too easy to guess: it is made of common words or passwords"
							+ ((match.l33t || match.reversed) ? ", even with letters swapped or reversed" : "");
			case Repeat -> repeats();
			case Sequence -> isOneCharacter(match.token) ? repeats()
					: "is too easy to guess: it is a sequence of characters, such as abcd or 9876";
			case Spatial -> "is too easy to guess: it is a keyboard pattern, such as qwerty or zxcvbn";
			default -> "is too easy to guess: it is built on dates or years";
		};
	}

	private static String repeats() {
		return "is too easy to guess: it repeats characters or words, such as aaaa or abcabc";
	}

	private static boolean isOneCharacter(CharSequence token) {
		return token.codePoints().distinct().count() == 1;
	}

	/** The text and its parts between punctuation, lower case, of three characters or more. */
	private static List<String> words(String text) {
		List<String> words = new ArrayList<>();
		if (text == null) {
			return words;
		}
		String lower = text.toLowerCase(Locale.ROOT);
		words.add(lower);
		for (String part : lower.split("[^\\p{L}\\p{N}]+")) {
			if (part.length() >= 3 && !words.contains(part)) {
				words.add(part);
			}
		}
		words.removeIf((word) -> word.length() < 3);
		return words;
	}

}
