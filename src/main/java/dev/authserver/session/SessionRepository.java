package dev.authserver.session;

import java.time.Instant;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

interface SessionRepository extends JpaRepository<UserSession, UUID> {

	@Modifying
	@Query("update UserSession s set s.endedAt = :now where s.id = :id and s.endedAt is null")
	int end(@Param("id") UUID id, @Param("now") Instant now);

}
