package dev.authserver.session;

import java.time.Instant;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

interface StoredRefreshTokenRepository extends JpaRepository<StoredRefreshToken, String> {

	/**
	 * Spends an active token. The row count decides who won a race: the database, not a
	 * JVM lock, so it holds across instances.
	 */
	@Modifying
	@Query("update StoredRefreshToken t set t.state = dev.authserver.session.RefreshTokenState.SPENT, "
			+ "t.spentAt = :now where t.jti = :jti and t.sessionId = :sessionId "
			+ "and t.state = dev.authserver.session.RefreshTokenState.ACTIVE")
	int spend(@Param("jti") String jti, @Param("sessionId") UUID sessionId, @Param("now") Instant now);

	@Modifying
	@Query("update StoredRefreshToken t set t.state = dev.authserver.session.RefreshTokenState.REVOKED "
			+ "where t.sessionId = :sessionId and t.state = dev.authserver.session.RefreshTokenState.ACTIVE")
	int revokeSession(@Param("sessionId") UUID sessionId);

}
