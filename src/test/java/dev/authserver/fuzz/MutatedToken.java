package dev.authserver.fuzz;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

import dev.authserver.fuzz.CompactToken.Keys;

/**
 * One of the fuzzer's real tokens and what is done to it, applied to the token valid when the case is sent.
 *
 * @param source whose token, and which kind
 * @param mutation what is done to it
 */
record MutatedToken(Source source, TokenMutation mutation) {

	/** Mostly tokens of the kind the endpoint takes, now and then the other kind. */
	static Arbitrary<MutatedToken> forEndpointsTaking(boolean accessTokens) {
		Arbitrary<Source> sources = Arbitraries.frequencyOf(
				Tuple.of(4, Arbitraries.of(Source.values()).filter((source) -> source.access == accessTokens)),
				Tuple.of(1, Arbitraries.of(Source.values()).filter((source) -> source.access != accessTokens)));
		return Combinators.combine(sources, TokenMutation.any())
			// an unchanged token of the right kind is simply valid: nothing to refuse
			.filter((source, mutation) -> mutation.appliesTo(source.access)
					&& !(mutation instanceof TokenMutation.Unchanged && source.access == accessTokens))
			.as(MutatedToken::new);
	}

	Applied apply(Accounts accounts, Keys keys) {
		Accounts.Principal principal = (this.source == Source.ADMIN_ACCESS || this.source == Source.ADMIN_REFRESH)
				? accounts.admin() : accounts.user();
		String original = this.source.access ? principal.session().accessToken() : principal.session().refreshToken();
		return new Applied(original, this.mutation.apply(original, keys), this.source.access);
	}

	/** Whose token. */
	enum Source {

		USER_ACCESS(true), ADMIN_ACCESS(true), USER_REFRESH(false), ADMIN_REFRESH(false);

		final boolean access;

		Source(boolean access) {
			this.access = access;
		}

	}

	/**
	 * A token before and after its mutation.
	 *
	 * @param original the real token
	 * @param mutated what was sent
	 * @param accessToken whether the real token is an access token
	 */
	record Applied(String original, String mutated, boolean accessToken) {

		/** Whether an endpoint taking this kind of token must refuse what was sent (docs/tokens.md). */
		boolean mustBeRefusedWhereTaken(boolean endpointTakesAccessTokens) {
			return !this.mutated.equals(this.original) || this.accessToken != endpointTakesAccessTokens;
		}

	}

}
