package dev.authserver.session;

import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

interface StoredRefreshTokenRepository extends JpaRepository<StoredRefreshToken, String> {

	@Modifying
	@Query("update StoredRefreshToken t set t.state = dev.authserver.session.RefreshTokenState.REVOKED "
			+ "where t.sessionId = :sessionId and t.state = dev.authserver.session.RefreshTokenState.ACTIVE")
	int revokeSession(@Param("sessionId") UUID sessionId);

}
