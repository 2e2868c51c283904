package dev.authserver.security;

import java.util.List;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

import dev.authserver.verification.AccessTokenClaims;

/** An authentication made from a verified access token, whose claims are the principal; it holds no credentials. */
final class BearerTokenAuthentication extends AbstractAuthenticationToken {

	private final AccessTokenClaims user;

	BearerTokenAuthentication(AccessTokenClaims user) {
		super(authorities(user));
		this.user = user;
		setAuthenticated(true);
	}

	private static List<GrantedAuthority> authorities(AccessTokenClaims user) {
		return user.roles().stream().<GrantedAuthority>map((role) -> new SimpleGrantedAuthority("ROLE_" + role)).toList();
	}

	@Override
	public Object getCredentials() {
		return "";
	}

	@Override
	public AccessTokenClaims getPrincipal() {
		return this.user;
	}

	@Override
	public String getName() {
		return this.user.username();
	}

}
