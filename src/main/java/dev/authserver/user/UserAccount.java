package dev.authserver.user;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;

/** An account of the user store: a username, a password hash and server-assigned roles. */
@Entity
@Table(name = "users")
public class UserAccount {

	@Id
	private UUID id;

	@Column(nullable = false, length = 64)
	private String username;

	@Column(name = "username_key", nullable = false, length = 64)
	private String usernameKey;

	@Column(length = 320)
	private String email;

	@Column(name = "password_hash", nullable = false)
	private String passwordHash;

	@Column(nullable = false)
	private boolean enabled;

	@Column(name = "created_at", nullable = false)
	private Instant createdAt;

	@ElementCollection(fetch = FetchType.EAGER)
	@CollectionTable(name = "user_roles", joinColumns = @JoinColumn(name = "user_id"))
	@Column(name = "role", nullable = false, length = 32)
	private Set<String> roles = new LinkedHashSet<>();

	protected UserAccount() {
	}

	static UserAccount create(String username, String email, String passwordHash, Collection<String> roles,
			Instant now) {
		UserAccount user = new UserAccount();
		user.id = UUID.randomUUID();
		user.username = username;
		user.usernameKey = keyOf(username);
		user.email = email;
		user.passwordHash = passwordHash;
		user.enabled = true;
		user.createdAt = now;
		user.roles.addAll(roles);
		return user;
	}

	/** Usernames are unique without regard to case; they are ASCII, so the root locale is exact. */
	static String keyOf(String username) {
		return username.toLowerCase(Locale.ROOT);
	}

	public UUID getId() {
		return this.id;
	}

	public String getUsername() {
		return this.username;
	}

	public String getEmail() {
		return this.email;
	}

	/** The stored hash: a login passes the one its password matched to the session, which refuses it if it changed meanwhile. */
	public String getPasswordHash() {
		return this.passwordHash;
	}

	public boolean isEnabled() {
		return this.enabled;
	}

	public Instant getCreatedAt() {
		return this.createdAt;
	}

	/** The roles, sorted, so that tokens and listings are stable. */
	public List<String> getRoles() {
		return this.roles.stream().sorted().toList();
	}


	void replaceRoles(Collection<String> roles) {
		this.roles.clear();
		this.roles.addAll(roles);
	}

	void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	@Override
	public String toString() {
		return "UserAccount[id=" + this.id + ", username=" + this.username + "]";
	}

}
