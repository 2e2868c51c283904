package dev.authserver.security;

import java.util.List;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** An authentication made from a verified access token; it holds no credentials. */
final class BearerTokenAuthentication extends AbstractAuthenticationToken {

	private final AuthenticatedUser user;

	BearerTokenAuthentication(AuthenticatedUser user) {
		super(authorities(user));
		this.user = user;
		setAuthenticated(true);
	}

	private static List<GrantedAuthority> authorities(AuthenticatedUser user) {
		return user.roles().stream().<GrantedAuthority>map((role) -> new SimpleGrantedAuthority("ROLE_" + role)).toList();
	}

	@Override
	public Object getCredentials() {
		return "";
	}

	@Override
	public AuthenticatedUser getPrincipal() {
		return this.user;
	}

	@Override
	public String getName() {
		return this.user.username();
	}

}
