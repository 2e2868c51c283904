package dev.authserver;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/** The shape of the main code (docs/architecture.md), read from the compiled classes. */
class ArchitectureTest {

	private static final JavaClasses MAIN = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("dev.authserver");

	private static final String[] FEATURES = { "dev.authserver.admin..", "dev.authserver.audit..",
			"dev.authserver.auth..", "dev.authserver.console..", "dev.authserver.events..", "dev.authserver.me..",
			"dev.authserver.password..", "dev.authserver.security..", "dev.authserver.session..",
			"dev.authserver.storage..", "dev.authserver.throttle..", "dev.authserver.token..", "dev.authserver.user..",
			"dev.authserver.verification..", "dev.authserver.web.." };

	@Test
	void packagesWhenImportedThenFreeOfCycles() {
		slices().matching("dev.authserver.(*)..").should().beFreeOfCycles().check(MAIN);
	}

	@Test
	void problemWhenImportedThenLeafOfEveryFeature() {
		noClasses().that()
			.resideInAPackage("dev.authserver.problem..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage(FEATURES)
			.check(MAIN);
	}

	@Test
	void verificationWhenImportedThenKnowsOnlyProblem() {
		// the verifier library compiles this package without the rest of the server (docs/architecture.md)
		noClasses().that()
			.resideInAPackage("dev.authserver.verification..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage(Arrays.stream(FEATURES)
				.filter((feature) -> !feature.equals("dev.authserver.verification.."))
				.toArray(String[]::new))
			.check(MAIN);
	}

	@Test
	void webWhenImportedThenKnowsNoFeature() {
		noClasses().that()
			.resideInAPackage("dev.authserver.web..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage(Arrays.copyOf(FEATURES, FEATURES.length - 1))
			.check(MAIN);
	}

	@Test
	void mainWhenPackagedThenNoBenchmarkCode() {
		assertThat(MAIN.stream().map(JavaClass::getPackageName)).noneMatch((name) -> name.contains(".bench"));
	}

	@Test
	void packagesWhenCountedThenAFewHandfulsOfTypesEach() {
		Map<String, Integer> types = new TreeMap<>();
		MAIN.stream()
			.filter((type) -> type.isTopLevelClass())
			.forEach((type) -> types.merge(type.getPackageName(), 1, Integer::sum));
		assertThat(types).allSatisfy((name, count) -> assertThat(count).as(name).isLessThanOrEqualTo(16));
	}

}
