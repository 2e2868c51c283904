package dev.authserver.attack;

import org.junit.jupiter.api.BeforeEach;

import org.springframework.context.ApplicationContext;

import dev.authserver.support.IntegrationTest;

/** The whole application and an attacker holding its keys, for each family of attacks. */
@IntegrationTest
abstract class AttackTest {

	protected Attacker attacker;

	protected Forgery forgery;

	@BeforeEach
	void prepareAttacker(ApplicationContext context) {
		this.attacker = Attacker.of(context);
		this.forgery = this.attacker.forgery();
	}

}
