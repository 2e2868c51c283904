package dev.authserver.oauth;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import dev.authserver.token.JwtProperties;
import dev.authserver.token.SigningKeys;

/**
 * What another service needs to verify our tokens by itself: the public keys (RFC 7517) and
 * the authorization server's metadata (RFC 8414), both open and cacheable. With HS256 there is
 * no public key to publish, and the key set is empty.
 */
@RestController
class WellKnownController {

	/**
	 * How long a key set may be cached. A new key is published before it signs: add it, wait
	 * this long, then make it active (docs/operations.md).
	 */
	private static final CacheControl CACHE = CacheControl.maxAge(Duration.ofMinutes(5)).cachePublic();

	/**
	 * For metadata built from the request's own host: a shared cache must not hand one
	 * client's {@code Host} to another, so only the client's own cache keeps it.
	 */
	private static final CacheControl PER_CLIENT = CacheControl.maxAge(Duration.ofMinutes(5)).cachePrivate();

	private final SigningKeys keys;

	private final JwtProperties jwt;

	WellKnownController(SigningKeys keys, JwtProperties jwt) {
		this.keys = keys;
		this.jwt = jwt;
	}

	/** Every key whose tokens may still be live: the active one and every other configured one. */
	@GetMapping("/.well-known/jwks.json")
	ResponseEntity<Map<String, List<Map<String, Object>>>> jwks() {
		return ResponseEntity.ok().cacheControl(CACHE).body(Map.of("keys", this.keys.publicJwks()));
	}

	/**
	 * The endpoints this server has, as absolute URLs under the issuer when the issuer is the
	 * server's URL, else under the URL the request came to. No field for what it does not do.
	 */
	@GetMapping("/.well-known/oauth-authorization-server")
	ResponseEntity<Map<String, Object>> metadata() {
		String base = issuerUrl();
		boolean fromRequest = base == null;
		if (fromRequest) {
			base = ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString();
		}
		Map<String, Object> metadata = new LinkedHashMap<>();
		metadata.put("issuer", this.jwt.issuer());
		metadata.put("jwks_uri", base + "/.well-known/jwks.json");
		metadata.put("introspection_endpoint", base + "/api/auth/introspect");
		metadata.put("introspection_endpoint_auth_methods_supported", List.of("client_secret_basic"));
		metadata.put("revocation_endpoint", base + "/api/auth/revoke");
		metadata.put("revocation_endpoint_auth_methods_supported", List.of("none"));
		if (fromRequest) {
			return ResponseEntity.ok().cacheControl(PER_CLIENT).varyBy(HttpHeaders.HOST).body(metadata);
		}
		return ResponseEntity.ok().cacheControl(CACHE).body(metadata);
	}

	/** The issuer without a trailing slash when it is an http(s) URL, else {@code null}. */
	private String issuerUrl() {
		String issuer = this.jwt.issuer();
		if (issuer.startsWith("https://") || issuer.startsWith("http://")) {
			return issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
		}
		return null;
	}

}
