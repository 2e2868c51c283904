package dev.authserver.example.orders;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;

/** A downstream service of the auth server: an orders API that takes its access tokens (example/README.md). */
@SpringBootApplication
@EnableMethodSecurity
public class OrdersApplication {

	public static void main(String[] args) {
		SpringApplication.run(OrdersApplication.class, args);
	}

}
