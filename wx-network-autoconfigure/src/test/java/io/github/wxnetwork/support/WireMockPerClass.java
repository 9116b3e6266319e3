package io.github.wxnetwork.support;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

/**
 * A base for tests that share one WireMock server per test class (in-JVM, dynamic port), reset before each
 * test: a subclass's own {@code @BeforeEach} stubs run after the reset, since JUnit runs a superclass's first.
 */
public abstract class WireMockPerClass {

	protected static WireMockServer server;

	@BeforeAll
	static void startServer() {
		server = new WireMockServer(wireMockConfig().dynamicPort());
		server.start();
	}

	@AfterAll
	static void stopServer() {
		server.stop();
	}

	@BeforeEach
	void resetServer() {
		server.resetAll();
	}

}
