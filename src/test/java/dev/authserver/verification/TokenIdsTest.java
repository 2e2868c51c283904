package dev.authserver.verification;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** An access token's {@code jti} names its session, and nothing but base64url spells it. */
class TokenIdsTest {

	@Test
	void sessionOfWhenIssuedForSessionThenThatSession() {
		assertThat(TokenIds.sessionOf(TokenIds.forSession(new UUID(0, 0)))).isEqualTo(new UUID(0, 0));
		assertThat(TokenIds.sessionOf(TokenIds.forSession(new UUID(-1, -1)))).isEqualTo(new UUID(-1, -1));
		for (int i = 0; i < 1000; i++) {
			UUID session = UUID.randomUUID();
			assertThat(TokenIds.sessionOf(TokenIds.forSession(session))).isEqualTo(session);
		}
	}

	@Test
	void forSessionWhenIssuedTwiceThenSameSessionTextFirst() {
		UUID session = UUID.fromString("0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0");
		String first = TokenIds.forSession(session);
		String second = TokenIds.forSession(session);
		assertThat(first).hasSize(28).startsWith("Dx4tPEtaaXiHlqW0w9Lh8A");
		assertThat(second).startsWith(TokenIds.sessionText(session)).isNotEqualTo(first);
		assertThat(java.util.Base64.getUrlDecoder().decode(TokenIds.sessionText(session))).hasSize(16);
	}

	@Test
	void sessionOfWhenNotBase64UrlOrWrongLengthThenRefused() {
		String jti = TokenIds.forSession(UUID.randomUUID());
		for (String stray : new String[] { "+", "/", "=", " ", "\u00e9", "\u0100" }) {
			assertThatIllegalArgumentException().isThrownBy(() -> TokenIds.sessionOf(stray + jti.substring(1)));
			assertThatIllegalArgumentException().isThrownBy(() -> TokenIds.sessionOf(jti.substring(0, 21) + stray + jti.substring(22)));
		}
		assertThatIllegalArgumentException().isThrownBy(() -> TokenIds.sessionOf(jti.substring(1)));
		assertThatIllegalArgumentException().isThrownBy(() -> TokenIds.sessionOf(null));
	}

}
