package dev.authserver.session;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A session: one chain of refresh tokens, started at signup or login (SPEC section 6). */
@Entity
@Table(name = "sessions")
public class UserSession extends AssignedIdEntity<UUID> {

	@Id
	private UUID id;

	@Column(name = "user_id", nullable = false)
	private UUID userId;

	@Column(name = "created_at", nullable = false)
	private Instant createdAt;

	@Column(name = "last_used_at", nullable = false)
	private Instant lastUsedAt;

	@Column(name = "expires_at", nullable = false)
	private Instant expiresAt;

	@Column(name = "ended_at")
	private Instant endedAt;

	@Column(name = "user_agent", length = 512)
	private String userAgent;

	@Column(name = "client_ip", length = 64)
	private String clientIp;

	protected UserSession() {
	}

	static UserSession start(UUID userId, String userAgent, String clientIp, Instant now, Instant expiresAt) {
		UserSession session = new UserSession();
		session.id = UUID.randomUUID();
		session.userId = userId;
		session.createdAt = now;
		session.lastUsedAt = now;
		session.expiresAt = expiresAt;
		session.userAgent = truncate(userAgent, 512);
		session.clientIp = truncate(clientIp, 64);
		return session;
	}

	private static String truncate(String value, int max) {
		return (value == null || value.length() <= max) ? value : value.substring(0, max);
	}

	@Override
	public UUID getId() {
		return this.id;
	}

	public UUID getUserId() {
		return this.userId;
	}

	public Instant getCreatedAt() {
		return this.createdAt;
	}

	public Instant getLastUsedAt() {
		return this.lastUsedAt;
	}

	public Instant getExpiresAt() {
		return this.expiresAt;
	}

	public boolean isEnded() {
		return this.endedAt != null;
	}

	public String getUserAgent() {
		return this.userAgent;
	}

	public String getClientIp() {
		return this.clientIp;
	}

}
