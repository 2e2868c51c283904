package dev.authserver.session;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** What the server keeps of one refresh token: its id, session, state and times, never the token. */
@Entity
@Table(name = "refresh_tokens")
class StoredRefreshToken extends AssignedIdEntity<String> {

	@Id
	@Column(length = 32)
	private String jti;

	@Column(name = "session_id", nullable = false)
	private UUID sessionId;

	@Enumerated(EnumType.STRING)
	@Column(nullable = false, length = 16)
	private RefreshTokenState state;

	@Column(name = "issued_at", nullable = false)
	private Instant issuedAt;

	@Column(name = "expires_at", nullable = false)
	private Instant expiresAt;

	@Column(name = "spent_at")
	private Instant spentAt;

	@Column(name = "next_jti", length = 32)
	private String nextJti;

	protected StoredRefreshToken() {
	}

	@Override
	public String getId() {
		return this.jti;
	}

	static StoredRefreshToken issue(String jti, UUID sessionId, Instant issuedAt, Instant expiresAt) {
		StoredRefreshToken token = new StoredRefreshToken();
		token.jti = jti;
		token.sessionId = sessionId;
		token.state = RefreshTokenState.ACTIVE;
		token.issuedAt = issuedAt;
		token.expiresAt = expiresAt;
		return token;
	}

	String getJti() {
		return this.jti;
	}

	UUID getSessionId() {
		return this.sessionId;
	}

	RefreshTokenState getState() {
		return this.state;
	}

	Instant getIssuedAt() {
		return this.issuedAt;
	}

	Instant getExpiresAt() {
		return this.expiresAt;
	}

	Instant getSpentAt() {
		return this.spentAt;
	}

	String getNextJti() {
		return this.nextJti;
	}

}
