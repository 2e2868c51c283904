package dev.authserver.session;

import java.time.Instant;
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

interface SessionRepository extends JpaRepository<UserSession, UUID> {

	/**
	 * Reads a session and locks its row until the transaction ends. Every change to a
	 * session and its tokens takes this lock first, so no two of them deadlock.
	 */
	@Lock(LockModeType.PESSIMISTIC_WRITE)
	@Query("select s from UserSession s where s.id = :id")
	Optional<UserSession> findForUpdate(@Param("id") UUID id);

	@Query("select s from UserSession s where s.userId = :userId and s.endedAt is null and s.expiresAt > :now")
	Page<UserSession> findActive(@Param("userId") UUID userId, @Param("now") Instant now, Pageable pageable);

	@Modifying
	@Query("update UserSession s set s.endedAt = :now where s.id = :id and s.endedAt is null")
	int end(@Param("id") UUID id, @Param("now") Instant now);

}
