package dev.authserver.user;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.persistence.LockModeType;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

/**
 * The user store. Locks and updates on the request path are queries of a few columns, so that
 * no entity is loaded and checked for changes where none is needed.
 */
interface UserRepository extends JpaRepository<UserAccount, UUID> {

	/** Reads an account and locks its row until the transaction ends. */
	@Lock(LockModeType.PESSIMISTIC_WRITE)
	@Query("select u from UserAccount u where u.usernameKey = :usernameKey")
	Optional<UserAccount> findByUsernameKeyForUpdate(@Param("usernameKey") String usernameKey);

	Optional<UserAccount> findByUsernameKey(String usernameKey);

	boolean existsByUsernameKey(String usernameKey);

	/** The accounts whose lower-case username contains the text; {@code %} and {@code _} in it match themselves. */
	Page<UserAccount> findByUsernameKeyContaining(String text, Pageable pageable);

	@Query("select count(u) > 0 from UserAccount u join u.roles r where r = :role and u.enabled = true")
	boolean existsEnabledWithRole(@Param("role") String role);

	/** Locks the account's row; its id, if it exists. */
	@Lock(LockModeType.PESSIMISTIC_WRITE)
	@Query("select u.id from UserAccount u where u.id = :id")
	Optional<UUID> lockById(@Param("id") UUID id);

	/** Locks the account's row and reads what issuing tokens needs of it. */
	@Lock(LockModeType.PESSIMISTIC_WRITE)
	@Query("select u.username as username, u.passwordHash as passwordHash, u.enabled as enabled from UserAccount u "
			+ "where u.id = :id")
	Optional<LockedAccount> lockForTokens(@Param("id") UUID id);

	@Query("select r from UserAccount u join u.roles r where u.id = :id order by r")
	List<String> rolesOf(@Param("id") UUID id);

	/** Locks the rows of every enabled account with the role, in id order. */
	@Lock(LockModeType.PESSIMISTIC_WRITE)
	@Query("select u.id from UserAccount u where u.enabled = true and :role member of u.roles order by u.id")
	List<UUID> lockEnabledWithRole(@Param("role") String role);

	@Modifying(flushAutomatically = true, clearAutomatically = true)
	@Query("update UserAccount u set u.passwordHash = :hash where u.id = :id")
	int setPasswordHash(@Param("id") UUID id, @Param("hash") String hash);

	@Modifying(flushAutomatically = true, clearAutomatically = true)
	@Query("update UserAccount u set u.passwordHash = :hash, u.enabled = true where u.id = :id")
	int enable(@Param("id") UUID id, @Param("hash") String hash);

	/** An account's row as issuing tokens for it reads it. */
	interface LockedAccount {

		String getUsername();

		String getPasswordHash();

		boolean isEnabled();

	}

}
