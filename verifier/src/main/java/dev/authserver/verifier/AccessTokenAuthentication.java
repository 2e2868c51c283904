package dev.authserver.verifier;

import java.time.Duration;
import java.util.List;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

import dev.authserver.verification.AccessTokenClaims;

/**
 * A bearer access token: before verification, its text alone; after, its claims as the
 * principal, so that {@code @AuthenticationPrincipal AccessTokenClaims} works, and its roles as
 * authorities {@code ROLE_<role>}, so that {@code hasRole} and {@code @PreAuthorize} do. A
 * verified one is shared by every request that carries the same token and never changes.
 */
final class AccessTokenAuthentication extends AbstractAuthenticationToken {

	/** The text of an unverified token; {@code null} once verified. */
	private final String token;

	private final AccessTokenClaims claims;

	/** The first 22 characters of the {@code jti}: the session as revocation events name it. */
	private final String sessionText;

	private final long issuedAtSecond;

	/** The last millisecond at which the token is accepted: its expiry plus the clock skew. */
	private final long acceptedUntilMillis;

	private AccessTokenAuthentication(String token) {
		super(List.of());
		this.token = token;
		this.claims = null;
		this.sessionText = null;
		this.issuedAtSecond = 0;
		this.acceptedUntilMillis = 0;
	}

	private AccessTokenAuthentication(AccessTokenClaims claims, Duration clockSkew) {
		super(authorities(claims));
		this.token = null;
		this.claims = claims;
		this.sessionText = claims.tokenId().substring(0, 22);
		this.issuedAtSecond = claims.issuedAt().getEpochSecond();
		this.acceptedUntilMillis = claims.expiresAt().plus(clockSkew).toEpochMilli();
		setAuthenticated(true);
	}

	/** A token as the request carries it, for an {@code AuthenticationManager} to verify. */
	static AccessTokenAuthentication unverified(String token) {
		return new AccessTokenAuthentication(token);
	}

	/** A token whose every rule holds. */
	static AccessTokenAuthentication verified(AccessTokenClaims claims, Duration clockSkew) {
		return new AccessTokenAuthentication(claims, clockSkew);
	}

	private static List<GrantedAuthority> authorities(AccessTokenClaims claims) {
		return claims.roles().stream().<GrantedAuthority>map((role) -> new SimpleGrantedAuthority("ROLE_" + role)).toList();
	}

	/** The text of an unverified token. */
	String token() {
		return this.token;
	}

	String sessionText() {
		return this.sessionText;
	}

	long issuedAtSecond() {
		return this.issuedAtSecond;
	}

	/** Whether the token has not expired at this time, in epoch milliseconds. */
	boolean isLiveAt(long epochMillis) {
		return epochMillis <= this.acceptedUntilMillis;
	}

	@Override
	public Object getCredentials() {
		// a verified token is not kept: the claims are all a request needs
		return (this.token != null) ? this.token : "";
	}

	@Override
	public AccessTokenClaims getPrincipal() {
		return this.claims;
	}

	@Override
	public String getName() {
		return (this.claims != null) ? this.claims.username() : "";
	}

	@Override
	public boolean equals(Object other) {
		return this == other;
	}

	@Override
	public int hashCode() {
		return System.identityHashCode(this);
	}

	@Override
	public String toString() {
		return "AccessTokenAuthentication[" + ((this.claims != null) ? "user=" + this.claims.userId() + ", roles="
				+ this.claims.roles() : "unverified, token=<redacted>") + "]";
	}

}
