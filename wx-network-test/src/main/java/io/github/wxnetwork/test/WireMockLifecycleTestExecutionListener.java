package io.github.wxnetwork.test;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.github.wxnetwork.engine.WxHttpEngine;

import org.springframework.context.ApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.test.annotation.DirtiesContext.HierarchyMode;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.support.AbstractTestExecutionListener;

/**
 * The life of the {@link AutoConfigureWireMock} server along its test class: reset before each test method,
 * with wx-network's HTTP cache, so that no stub, recorded request, scenario state or cached answer of one
 * test is seen by the next; closed with its context after the class. That context is its class's alone (see
 * the context customizer), so keeping it cached would only hold a server and its threads until the JVM exits.
 * Looks only at a context that is already there: a test without the server never has one made for it here.
 */
final class WireMockLifecycleTestExecutionListener extends AbstractTestExecutionListener {

	@Override
	public int getOrder() {
		// After dependency injection (2000): a test instance sees a server that is already clean.
		return 2500;
	}

	@Override
	public void beforeTestMethod(TestContext testContext) {
		WireMockServer server = server(testContext);
		if (server != null) {
			server.resetAll();
			// An answer the HTTP cache kept would outlive the stub that gave it.
			testContext.getApplicationContext()
				.getBeanProvider(WxHttpEngine.class)
				.ifAvailable(WxHttpEngine::evictCaches);
		}
	}

	@Override
	public void afterTestClass(TestContext testContext) {
		if (server(testContext) != null) {
			testContext.markApplicationContextDirty(HierarchyMode.CURRENT_LEVEL);
		}
	}

	/** The server this module started for the test's context; null for any other context. */
	private static WireMockServer server(TestContext testContext) {
		if (!testContext.hasApplicationContext()) {
			return null;
		}
		ApplicationContext context = testContext.getApplicationContext();
		boolean ours = context.getEnvironment() instanceof ConfigurableEnvironment environment
				&& environment.getPropertySources().contains(WireMockContextCustomizerFactory.PROPERTY_SOURCE);
		return ours ? context.getBean(WireMockContextCustomizerFactory.BEAN_NAME, WireMockServer.class) : null;
	}

}
