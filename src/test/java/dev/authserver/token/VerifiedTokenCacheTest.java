package dev.authserver.token;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** A token verified once is remembered, but never past its expiry. */
class VerifiedTokenCacheTest {

	private final MovingClock clock = new MovingClock();

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
		this.clock.now = this.clock.now.plus(Duration.ofMinutes(15)).plusSeconds(31);
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

	/** A clock the test moves. */
	static final class MovingClock extends Clock {

		Instant now = Instant.now();

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

	}

}
