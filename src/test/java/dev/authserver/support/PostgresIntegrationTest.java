package dev.authserver.support;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

/**
 * {@link IntegrationTest} on a real PostgreSQL, with profiles {@code test} and {@code postgres} and a
 * fresh database on the embedded server for each application context; on a subclass of an
 * {@code @IntegrationTest} class it runs the inherited tests on PostgreSQL too.
 */
@Documented
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@IntegrationTest
// nearer than the @ActiveProfiles of @IntegrationTest, so this one is used; postgres comes last so
// that its settings win over those of test
@ActiveProfiles({ "test", "postgres" })
@ContextConfiguration(initializers = EmbeddedPostgresInitializer.class)
public @interface PostgresIntegrationTest {

}
