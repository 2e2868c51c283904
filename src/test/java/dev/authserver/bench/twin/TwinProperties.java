package dev.authserver.bench.twin;

import java.util.List;
import java.util.UUID;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.Profile;

/**
 * What the twin endpoint answers: the user bench/run.sh signs up, so that its body has the
 * size of that user's {@code GET /api/me}.
 *
 * @param id any id; every UUID has the same length
 * @param username the bench user's name
 * @param roles the bench user's roles
 */
@Profile("bench")
@ConfigurationProperties("bench.twin")
record TwinProperties(@DefaultValue("00000000-0000-0000-0000-000000000000") UUID id,
		@DefaultValue("bench-user") String username, @DefaultValue("USER") List<String> roles) {
}
