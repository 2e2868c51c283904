package dev.authserver.attack;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.context.ApplicationContext;

import dev.authserver.attack.Forgery.Draft;
import dev.authserver.token.TokenForge;

import static dev.authserver.attack.Forgery.str;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * RFC 8725 section 3.10 and docs/tokens.md: {@code kid}, {@code jku}, {@code x5u},
 * {@code jwk} and {@code x5c} never make the server open a file, query a database or
 * connect anywhere, and never bring in a key. Proven, not assumed: a socket this test
 * listens on must see no connection, and a FIFO named by the headers would block any
 * reader, so every request must also answer promptly.
 */
class KeyHeaderInjectionAttackTest extends AttackTest {

	/** Far more than a rejection takes, far less than a blocked read would. */
	private static final Duration PROMPTLY = Duration.ofSeconds(3);

	/** An access time older than a day: relatime then updates it on the next read. */
	private static final FileTime LONG_AGO = FileTime.from(Instant.parse("2001-01-01T00:00:00Z"));

	@TempDir
	Path dir;

	/** Where a server that fetched keys would connect. */
	private ServerSocket trap;

	/** A named pipe: opening it for reading blocks until a writer comes, which none will. */
	private Path fifo;

	/** A regular file holding a key set the attacker would like the server to use. */
	private Path bait;

	private final byte[] attackerKey = TokenForge.bytes(32, 99);

	/** Set when a request did not answer in time, so that tear-down unblocks it. */
	private volatile boolean stuck;

	@BeforeEach
	void setUp(ApplicationContext context) throws Exception {
		this.trap = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		this.fifo = this.dir.resolve("jwks.fifo");
		Process mkfifo = new ProcessBuilder("mkfifo", this.fifo.toString()).redirectErrorStream(true).start();
		assertThat(mkfifo.waitFor(10, TimeUnit.SECONDS)).isTrue();
		assertThat(mkfifo.exitValue()).as("mkfifo").isZero();
		assertThat(Files.isRegularFile(this.fifo)).isFalse();
		assertThat(Files.exists(this.fifo)).isTrue();
		this.bait = this.dir.resolve("jwks.json");
		Files.writeString(this.bait, "{\"keys\":[{\"kty\":\"oct\",\"k\":\"" + TokenForge.encode(this.attackerKey)
				+ "\",\"kid\":\"" + this.forgery.keyId() + "\"}]}");
		Files.setLastModifiedTime(this.bait, LONG_AGO);
		Files.setAttribute(this.bait, "lastAccessTime", LONG_AGO);
	}

	@AfterEach
	void tearDown() throws IOException {
		this.trap.close();
		if (this.stuck) {
			// a request stuck on the FIFO is let go by a writer coming and going
			Thread release = new Thread(() -> {
				try (OutputStream out = Files.newOutputStream(this.fifo)) {
					out.flush();
				}
				catch (IOException ex) {
					// the pipe is gone with the folder: nobody waits on it any more
				}
			}, "fifo-release");
			release.setDaemon(true);
			release.start();
		}
	}

	@Test
	void keyFileWhenReadThenAccessTimeMoves() throws IOException {
		// the access-time check below is a witness only where reads move it (relatime, not noatime)
		Path probe = Files.writeString(this.dir.resolve("probe"), "probe");
		Files.setAttribute(probe, "lastAccessTime", LONG_AGO);
		Files.readAllBytes(probe);
		assumeThat(Files.readAttributes(probe, BasicFileAttributes.class).lastAccessTime())
			.as("this filesystem records reads").isNotEqualTo(LONG_AGO);
		assertThat(Files.readAttributes(this.bait, BasicFileAttributes.class).lastAccessTime()).isEqualTo(LONG_AGO);
	}

	@Test
	void fifoWhenOpenedForReadingThenBlocksUntilAWriterComes() throws Exception {
		// the proof below rests on this: a server that opened the FIFO would hang
		CompletableFuture<Integer> reader = CompletableFuture.supplyAsync(() -> {
			try (InputStream in = Files.newInputStream(this.fifo)) {
				return in.read();
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
		});
		assertThatExceptionOfType(TimeoutException.class).isThrownBy(() -> reader.get(300, TimeUnit.MILLISECONDS));
		try (OutputStream out = Files.newOutputStream(this.fifo)) {
			out.write('x');
		}
		assertThat(reader.get(5, TimeUnit.SECONDS)).isEqualTo('x');
	}

	@Test
	void meWhenForgedByTheRulesThenAccepted() {
		this.attacker.assertAccessAccepted(this.forgery.access().signed());
	}

	@ParameterizedTest
	@ValueSource(strings = { "../../../../dev/null", "/dev/null", "/etc/passwd", "../../../../../../etc/shadow",
			"/proc/self/environ", "C:\\Windows\\win.ini", "' OR 1=1 --", "x' UNION SELECT 'secret' --",
			"1; DROP TABLE users", "${jndi:ldap://127.0.0.1/a}", "#{1+1}", "file:///etc/passwd",
			"https://attacker.example/jwks.json", "javascript:alert(1)", "%2e%2e%2f%2e%2e%2fetc%2fpasswd",
			"..\\..\\..\\..\\windows\\win.ini", "\u0000", "kid\u0000../../etc/passwd" })
	void meWhenKidNamesFileQueryOrUrlThenInvalidTokenPromptly(String kid) {
		assertRejectedPromptly(this.forgery.access().header("kid", str(kid)).signed(), kid);
		assertNothingTouched();
	}

	@Test
	void meWhenKidNamesTheFifoThenInvalidTokenPromptly() {
		Path relative = Path.of("").toAbsolutePath().relativize(this.fifo);
		for (String kid : List.of(this.fifo.toString(), relative.toString(), "file://" + this.fifo,
				this.forgery.keyId() + "/../" + relative, "../../../../../../.." + this.fifo)) {
			assertRejectedPromptly(this.forgery.access().header("kid", str(kid)).signed(), kid);
		}
		assertNothingTouched();
	}

	@Test
	void meWhenKidNamesTheKeyFileThenInvalidTokenPromptly() {
		for (String kid : List.of(this.bait.toString(), "file://" + this.bait,
				Path.of("").toAbsolutePath().relativize(this.bait).toString())) {
			assertRejectedPromptly(this.forgery.access().header("kid", str(kid)).signedWith(this.attackerKey), kid);
			assertRejectedPromptly(this.forgery.access().header("kid", str(kid)).signed(), kid);
		}
		assertNothingTouched();
	}

	@Test
	void meWhenKidIsUrlOfListeningSocketThenInvalidTokenAndNoConnection() {
		for (String kid : urls("/jwks")) {
			assertRejectedPromptly(this.forgery.access().header("kid", str(kid)).signed(), kid);
		}
		assertNothingTouched();
	}

	@Test
	void meWhenKidVeryLongThenInvalidToken() {
		String kid = "k".repeat(5000);

		assertRejectedPromptly(this.forgery.access().header("kid", str(kid)).signed(), kid);
		assertRejectedPromptly(this.forgery.access().header("kid", str(this.forgery.keyId() + kid)).signed(), kid);
	}

	@ParameterizedTest
	// blank strings too: jjwt drops them as it drops "", and the token would pass as one without a kid
	@ValueSource(strings = { "\"\"", "\" \"", "\"\\t\"", "\"\\n\"", "\"\\r\\n \"", "\"\\u2003\"", "\"\\u00a0\"",
			"42", "0", "true", "null", "{}", "[]", "[\"KEYID\"]",
			"{\"kid\":\"KEYID\"}", "\"KEYID \"", "\" KEYID\"", "\"KEYID\\u0000\"", "\"SWAPPED\"" })
	void meWhenKidEmptyOrOfAnotherTypeThenInvalidToken(String kid) {
		String keyId = this.forgery.keyId();
		String value = kid.replace("\"SWAPPED\"", str(swapCase(keyId))).replace("KEYID", keyId);

		assertRejectedPromptly(this.forgery.access().header("kid", value).signed());
	}

	@ParameterizedTest
	@ValueSource(strings = { "../../../../dev/null", "' OR 1=1 --", "", " ", "FIFO", "URL" })
	void refreshWhenKidInjectedThenInvalidTokenPromptly(String kid) {
		String value = switch (kid) {
			case "FIFO" -> this.fifo.toString();
			case "URL" -> urls("/jwks").get(0);
			default -> kid;
		};
		promptly(() -> this.attacker.assertRefreshAttackFails((draft) -> draft.header("kid", str(value)).signed()));
		assertNothingTouched();
	}

	@ParameterizedTest
	@ValueSource(strings = { "jku", "x5u" })
	void meWhenKeySetUrlPointsAtListeningSocketThenInvalidTokenAndNoConnection(String name) {
		for (String url : urls("/jwks")) {
			// signed with the key the attacker would serve there, and with ours: neither gets in
			assertRejectedPromptly(this.forgery.access().header(name, str(url)).signedWith(this.attackerKey), url);
			assertRejectedPromptly(this.forgery.access().header(name, str(url)).signed(), url);
			assertRejectedPromptly(this.forgery.access().withoutHeader("kid").header(name, str(url)).signed(), url);
		}
		assertNothingTouched();
	}

	@ParameterizedTest
	@ValueSource(strings = { "jku", "x5u" })
	void meWhenKeySetUrlNamesTheFifoOrTheKeyFileThenInvalidTokenPromptly(String name) {
		for (Path file : List.of(this.fifo, this.bait)) {
			for (String url : List.of("file://" + file, file.toString(), "file:" + file)) {
				assertRejectedPromptly(this.forgery.access().header(name, str(url)).signedWith(this.attackerKey), url);
				assertRejectedPromptly(this.forgery.access().header(name, str(url)).signed(), url);
			}
		}
		assertNothingTouched();
	}

	@ParameterizedTest
	@ValueSource(strings = { "jku", "x5u" })
	void refreshWhenKeySetUrlInjectedThenInvalidTokenAndNoConnection(String name) {
		for (String url : List.of(urls("/jwks").get(0), "file://" + this.fifo)) {
			promptly(() -> this.attacker.assertRefreshAttackFails((draft) -> draft.header(name, str(url)).signed()));
		}
		assertNothingTouched();
	}

	@Test
	void meWhenEmbeddedJwkHoldsAttackerKeyThenInvalidToken() {
		String jwk = "{\"kty\":\"oct\",\"k\":\"" + TokenForge.encode(this.attackerKey) + "\",\"alg\":\"HS256\"}";
		String ownKid = "{\"kty\":\"oct\",\"k\":\"" + TokenForge.encode(this.attackerKey) + "\",\"kid\":\""
				+ this.forgery.keyId() + "\"}";
		String fetching = "{\"kty\":\"oct\",\"k\":\"" + TokenForge.encode(this.attackerKey) + "\",\"x5u\":\""
				+ urls("/x509").get(0) + "\",\"jku\":\"file://" + this.fifo + "\"}";

		for (String key : List.of(jwk, ownKid, fetching)) {
			assertRejectedPromptly(this.forgery.access().header("jwk", key).signedWith(this.attackerKey));
			assertRejectedPromptly(
					this.forgery.access().withoutHeader("kid").header("jwk", key).signedWith(this.attackerKey));
		}
		// even a jwk that holds our own key is no way in: the header itself is refused
		String ours = "{\"kty\":\"oct\",\"k\":\"" + TokenForge.encode(this.forgery.accessKey()) + "\"}";
		assertRejectedPromptly(this.forgery.access().header("jwk", ours).signed());
		assertNothingTouched();
	}

	@Test
	void refreshWhenEmbeddedJwkHoldsAttackerKeyThenInvalidToken() {
		String jwk = "{\"kty\":\"oct\",\"k\":\"" + TokenForge.encode(this.attackerKey) + "\"}";

		this.attacker.assertRefreshAttackFails((draft) -> draft.header("jwk", jwk).signedWith(this.attackerKey));
		this.attacker.assertRefreshAttackFails((draft) -> draft.header("jwk", jwk).signed());
	}

	@ParameterizedTest
	@ValueSource(strings = { "[\"junk\"]", "[\"JUNK64\"]", "\"JUNK64\"", "[]", "[{}]", "[null]", "42",
			"[\"JUNK64\",\"JUNK64\"]" })
	void meWhenX5cHoldsJunkThenInvalidToken(String x5c) {
		String junk = Base64.getEncoder().encodeToString(TokenForge.bytes(600, 7));

		assertRejectedPromptly(this.forgery.access().header("x5c", x5c.replace("JUNK64", junk)).signed());
		assertNothingTouched();
	}

	@Test
	void meWhenAllKeyHeadersAtOnceThenInvalidTokenAndNothingTouched() {
		Draft draft = this.forgery.access()
			.header("kid", str(this.fifo.toString()))
			.header("jku", str(urls("/jwks").get(0)))
			.header("x5u", str("file://" + this.bait))
			.header("jwk", "{\"kty\":\"oct\",\"k\":\"" + TokenForge.encode(this.attackerKey) + "\"}")
			.header("x5c", "[\"" + Base64.getEncoder().encodeToString(TokenForge.bytes(300, 5)) + "\"]");

		assertRejectedPromptly(draft.signedWith(this.attackerKey));
		assertNothingTouched();
	}

	private void assertRejectedPromptly(String token, String... secrets) {
		List<String> echoes = new ArrayList<>();
		for (String secret : secrets) {
			// short values such as "/dev/null" could match nothing of ours, but "" matches everything
			if (secret.strip().length() >= 4) {
				echoes.add(secret);
			}
		}
		String[] shown = echoes.toArray(String[]::new);
		promptly(() -> this.attacker.assertAccessRejected(token, shown));
	}

	private void promptly(Runnable requests) {
		try {
			Attacker.within(PROMPTLY, () -> {
				requests.run();
				return null;
			});
		}
		catch (AssertionError ex) {
			this.stuck = true;
			throw ex;
		}
	}

	/** The key id with the case of every letter turned: the same id only to a careless comparison. */
	private static String swapCase(String keyId) {
		StringBuilder swapped = new StringBuilder();
		keyId.chars()
			.map((c) -> Character.isUpperCase(c) ? Character.toLowerCase(c) : Character.toUpperCase(c))
			.forEach(swapped::appendCodePoint);
		assertThat(swapped.toString()).isNotEqualTo(keyId);
		return swapped.toString();
	}

	/** URLs on the test's own listening socket, by address and by name. */
	private List<String> urls(String path) {
		int port = this.trap.getLocalPort();
		return List.of("http://127.0.0.1:" + port + path, "http://localhost:" + port + path,
				"https://127.0.0.1:" + port + path, "ldap://127.0.0.1:" + port + "/o=keys");
	}

	/**
	 * No connection reached the socket (a connection made earlier waits in the backlog, so
	 * {@code accept} would return it), and the key file was neither read nor written.
	 */
	private void assertNothingTouched() {
		try {
			this.trap.setSoTimeout(200);
			assertThatExceptionOfType(SocketTimeoutException.class).as("a connection to the test's socket")
				.isThrownBy(() -> {
					try (Socket connection = this.trap.accept()) {
						connection.getInetAddress();
					}
				});
			BasicFileAttributes attributes = Files.readAttributes(this.bait, BasicFileAttributes.class);
			assertThat(attributes.lastModifiedTime()).as("the key file's modification time").isEqualTo(LONG_AGO);
			// relatime moves an access time older than a day on the next read; noatime would not
			assertThat(attributes.lastAccessTime()).as("the key file's access time").isEqualTo(LONG_AGO);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
