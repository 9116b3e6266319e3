package io.github.wxnetwork.test;

import com.github.tomakehurst.wiremock.WireMockServer;

import org.springframework.context.ApplicationContext;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.support.AbstractTestExecutionListener;

/**
 * Resets the {@link AutoConfigureWireMock} server before each test method, so that no stub, recorded request
 * or scenario state of one test is seen by the next. Looks only at a context that is already there: a test
 * without the server never has one made for it here.
 */
final class WireMockResetTestExecutionListener extends AbstractTestExecutionListener {

	@Override
	public int getOrder() {
		// After dependency injection (2000): a test instance sees a server that is already clean.
		return 2500;
	}

	@Override
	public void beforeTestMethod(TestContext testContext) {
		if (!testContext.hasApplicationContext()) {
			return;
		}
		ApplicationContext context = testContext.getApplicationContext();
		if (context.containsLocalBean(WireMockContextCustomizerFactory.BEAN_NAME)
				&& context.getBean(WireMockContextCustomizerFactory.BEAN_NAME) instanceof WireMockServer server) {
			server.resetAll();
		}
	}

}
