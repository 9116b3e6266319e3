package io.github.wxnetwork.test;

import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.DefaultSingletonBeanRegistry;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.TestContextAnnotationUtils;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * Starts the server of {@link AutoConfigureWireMock} as its test's context is made. The server starts before
 * the context refreshes, so its port is a plain property when the clients' base URLs are resolved.
 */
final class WireMockContextCustomizerFactory implements ContextCustomizerFactory {

	/** The server's bean name. */
	static final String BEAN_NAME = "wireMockServer";

	/** The property source of the server's address: also what marks a context as having a server of ours. */
	static final String PROPERTY_SOURCE = "wxNetworkTestWireMock";

	static final String LOOPBACK = "127.0.0.1";

	@Override
	public ContextCustomizer createContextCustomizer(Class<?> testClass,
			List<ContextConfigurationAttributes> configAttributes) {
		return TestContextAnnotationUtils.hasAnnotation(testClass, AutoConfigureWireMock.class)
				? new WireMockContextCustomizer(testClass) : null;
	}

	/**
	 * Equal (a record) for one test class only: a context, and so a server, is never shared between two
	 * classes, whose resets would otherwise wipe each other's stubs when they run in parallel.
	 */
	private record WireMockContextCustomizer(Class<?> testClass) implements ContextCustomizer {

		@Override
		public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
			WireMockServer server = new WireMockServer(options().bindAddress(LOOPBACK).dynamicPort());
			server.start();
			ConfigurableListableBeanFactory beanFactory = context.getBeanFactory();
			beanFactory.registerSingleton(BEAN_NAME, server);
			// Also run when the refresh fails: the context then destroys its singletons but sends no closed event.
			((DefaultSingletonBeanRegistry) beanFactory).registerDisposableBean(BEAN_NAME, server::stop);
			context.getEnvironment().getPropertySources().addFirst(new MapPropertySource(PROPERTY_SOURCE,
					Map.of("wiremock.server.port", server.port(), "wiremock.server.baseUrl",
							"http://" + LOOPBACK + ":" + server.port())));
		}

	}

}
