package dev.authserver.user;

import java.util.Optional;
import java.util.UUID;

import jakarta.persistence.LockModeType;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

interface UserRepository extends JpaRepository<UserAccount, UUID> {

	/**
	 * Reads an account and locks its row until the transaction ends: the lock every change
	 * to an account, and every issue of tokens for it, takes first (see UserService.lockForTokens).
	 */
	@Lock(LockModeType.PESSIMISTIC_WRITE)
	@Query("select u from UserAccount u where u.usernameKey = :usernameKey")
	Optional<UserAccount> findByUsernameKeyForUpdate(@Param("usernameKey") String usernameKey);

	Optional<UserAccount> findByUsernameKey(String usernameKey);

	boolean existsByUsernameKey(String usernameKey);

	@Query("select count(u) > 0 from UserAccount u join u.roles r where r = :role and u.enabled = true")
	boolean existsEnabledWithRole(@Param("role") String role);

}
