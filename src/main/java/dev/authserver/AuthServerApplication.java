package dev.authserver;

import java.time.Clock;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

/** The JWT authentication server: signup, login, refresh and bearer-token checks. */
// no in-memory user with a generated password: accounts live in the user store only
@SpringBootApplication(exclude = UserDetailsServiceAutoConfiguration.class)
@ConfigurationPropertiesScan
public class AuthServerApplication {

	public static void main(String[] args) {
		SpringApplication.run(AuthServerApplication.class, args);
	}

	/** One clock for every time decision, so that tests can move it. */
	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

}
