package dev.authserver.password;

import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.crypto.password.Pbkdf2PasswordEncoder;

import dev.authserver.throttle.RefusalPacing;

/**
 * Password hashing. Argon2id with the first parameter set of the OWASP Password Storage
 * Cheat Sheet (19 MiB, 2 passes, 1 lane): unlike bcrypt it reads the whole password, so
 * two passwords that differ after byte 72 stay two passwords. Hashes are stored in
 * Spring Security's {@code {id}hash} format, so the algorithm can change later; the
 * Argon2 part is the standard encoding, which Spring Security's own encoder reads too.
 */
@Configuration(proxyBeanMethods = false)
class PasswordConfiguration {

	static final String ENCODING_ID = "argon2";

	private static final Logger logger = LoggerFactory.getLogger(PasswordConfiguration.class);

	static final int MEMORY_KIB = 19 * 1024;

	static final int ITERATIONS = 2;

	@Bean
	PasswordEncoder passwordEncoder() {
		PasswordEncoder argon2 = argon2(MEMORY_KIB, ITERATIONS);
		return new DelegatingPasswordEncoder(ENCODING_ID, Map.of(ENCODING_ID, argon2, "pbkdf2@SpringSecurity_v5_8",
				Pbkdf2PasswordEncoder.defaultsForSpringSecurity_v5_8()));
	}

	/**
	 * libargon2 through JNA, or, where the native library cannot load (an unbundled
	 * platform, a temporary folder JNA may not unpack into), Spring Security's encoder: the
	 * same hashes, computed in Java on the heap, slower and with more garbage. The probe is
	 * a hash at the least cost Argon2 allows (8 KiB, one pass), which loads the library
	 * without spending a full hash at start-up.
	 */
	static PasswordEncoder argon2(int memoryKib, int iterations) {
		return argon2(memoryKib, iterations, Argon2idPasswordEncoder::new);
	}

	static PasswordEncoder argon2(int memoryKib, int iterations, NativeEncoders nativeEncoders) {
		try {
			nativeEncoders.create(8, 1, 1).encode("probe");
			return nativeEncoders.create(memoryKib, iterations, 1);
		}
		catch (LinkageError | RuntimeException ex) {
			logger.warn("libargon2 could not be loaded ({}); hashing passwords with Spring Security's "
					+ "Argon2PasswordEncoder instead", ex.toString());
			return new Argon2PasswordEncoder(16, 32, 1, memoryKib, iterations);
		}
	}

	/** How the native encoder is made: {@code Argon2idPasswordEncoder::new}, or a stand-in in tests. */
	@FunctionalInterface
	interface NativeEncoders {

		PasswordEncoder create(int memoryKib, int iterations, int parallelism);

	}

	/** The endpoints that hash a password, refused at once while hashing is full; after the rate limit. */
	@Bean
	FilterRegistrationBean<HashingAdmissionFilter> hashingAdmissionFilter(PasswordHashing hashing,
			RefusalPacing refusals) {
		FilterRegistrationBean<HashingAdmissionFilter> registration = new FilterRegistrationBean<>(
				new HashingAdmissionFilter(hashing, refusals));
		registration.addUrlPatterns("/api/auth/signup", "/api/auth/login", "/api/me/password");
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 21);
		return registration;
	}

	/** One hashing thread per core, as many as can run at once. */
	@Bean(destroyMethod = "shutdown")
	PasswordHashing passwordHashing(PasswordEncoder passwordEncoder) {
		return new PasswordHashing(passwordEncoder, Runtime.getRuntime().availableProcessors());
	}

}
