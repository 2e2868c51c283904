package dev.authserver.fuzz;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.lifecycle.PropagationMode;

/**
 * Generated and mutated requests at every endpoint (random JSON, wrong types, missing and
 * extra fields, bytes that are no JSON, wrong content types, unknown paths, wrong methods),
 * each answered under {@link Invariants}, and none of the refused ones changing a stored row.
 */
@AddLifecycleHook(value = FuzzTries.class, propagateTo = PropagationMode.DIRECT_DESCENDANTS)
class RequestFuzzTest {

	private static FuzzServer server;

	@BeforeContainer
	static void start() {
		server = FuzzServer.start();
	}

	@AfterContainer
	static void stop() {
		if (server != null) {
			server.close();
		}
	}

	@Property(tries = 700)
	void publicEndpointsWhenBodyIsAnythingThenProblemAndNothingStored(@ForAll("publicBodies") FuzzCase request) {
		server.exchange("public endpoints, bodies", request);
	}

	@Property(tries = 600)
	void bearerEndpointsWhenInputIsAnythingThenProblemAndNothingStored(@ForAll("bearerBodies") FuzzCase request) {
		server.exchange("bearer endpoints, bodies and path variables", request);
	}

	@Property(tries = 700)
	void anyPathAndMethodThenProblemAndNothingStored(@ForAll("pathsAndMethods") FuzzCase request) {
		server.exchange("paths, methods and queries", request);
	}

	@Provide
	Arbitrary<FuzzCase> publicBodies() {
		return Requests.publicBodies();
	}

	@Provide
	Arbitrary<FuzzCase> bearerBodies() {
		return Requests.bearerBodies();
	}

	@Provide
	Arbitrary<FuzzCase> pathsAndMethods() {
		return Requests.pathsAndMethods();
	}

}
