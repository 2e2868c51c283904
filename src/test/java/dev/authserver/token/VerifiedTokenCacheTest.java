package dev.authserver.token;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.authserver.support.MutableClock;
import dev.authserver.verification.AccessTokenClaims;
import dev.authserver.verification.InvalidTokenException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** A token verified once is remembered, but never past its expiry. */
class VerifiedTokenCacheTest {

	private final MutableClock clock = new MutableClock();

	private final JwtProperties properties = new JwtProperties(null, null, "auth-server", "api", Duration.ofMinutes(15),
			Duration.ofDays(14), Duration.ofSeconds(30), Duration.ofSeconds(5));

	private final AccessTokens tokens = new AccessTokens(SigningKeys.of(new byte[32]), this.properties, this.clock);

	@Test
	void verifyWhenRepeatedThenSameClaims() {
		String token = this.tokens.issue(UUID.randomUUID(), "alice", List.of("USER"), UUID.randomUUID()).value();
		AccessTokenClaims first = this.tokens.verify(token);
		assertThat(this.tokens.verify(token)).isSameAs(first);
	}

	@Test
	void verifyWhenRememberedTokenExpiredThenExpired() {
		String token = this.tokens.issue(UUID.randomUUID(), "alice", List.of("USER"), UUID.randomUUID()).value();
		this.tokens.verify(token);
		this.clock.advance(Duration.ofMinutes(15).plusSeconds(31));
		assertThatExceptionOfType(InvalidTokenException.class).isThrownBy(() -> this.tokens.verify(token))
			.satisfies((ex) -> assertThat(ex.isExpired()).isTrue());
	}

	@Test
	void verifyWhenTamperedCopyOfRememberedTokenThenInvalid() {
		String token = this.tokens.issue(UUID.randomUUID(), "alice", List.of("USER"), UUID.randomUUID()).value();
		this.tokens.verify(token);
		String tampered = token.substring(0, token.length() - 1) + (token.endsWith("A") ? "Q" : "A");
		assertThatExceptionOfType(InvalidTokenException.class).isThrownBy(() -> this.tokens.verify(tampered));
	}

}
