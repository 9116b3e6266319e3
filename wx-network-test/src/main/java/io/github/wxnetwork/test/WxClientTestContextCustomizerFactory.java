package io.github.wxnetwork.test;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.wxnetwork.client.WxClient;
import io.github.wxnetwork.client.WxClientProperties;
import io.github.wxnetwork.client.WxClientRegistrations;

import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.TestContextAnnotationUtils;
import org.springframework.test.context.support.TestPropertySourceUtils;

/**
 * Points a {@link WxClientTest}'s clients at its WireMock server and keeps them the only clients of the
 * context.
 */
final class WxClientTestContextCustomizerFactory implements ContextCustomizerFactory {

	private static final String PROPERTY_SOURCE = "wxClientTest";

	private static final String LOOPBACK_HOSTS = WireMockContextCustomizerFactory.LOOPBACK + ",localhost";

	@Override
	public ContextCustomizer createContextCustomizer(Class<?> testClass,
			List<ContextConfigurationAttributes> configAttributes) {
		return TestContextAnnotationUtils.hasAnnotation(testClass, WxClientTest.class)
				? new TestedClientsCustomizer(TestedClients.of(testClass)) : null;
	}

	private record TestedClientsCustomizer(TestedClients clients) implements ContextCustomizer {

		@Override
		public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
			ConfigurableEnvironment environment = context.getEnvironment();
			MapPropertySource slice = new MapPropertySource(PROPERTY_SOURCE, properties(environment));
			// Below the test's own properties (and @DynamicPropertySource), so that a test can still set these.
			MutablePropertySources sources = environment.getPropertySources();
			if (sources.contains(TestPropertySourceUtils.INLINED_PROPERTIES_PROPERTY_SOURCE_NAME)) {
				sources.addAfter(TestPropertySourceUtils.INLINED_PROPERTIES_PROPERTY_SOURCE_NAME, slice);
			}
			else {
				sources.addFirst(slice);
			}
			if (!(context.getBeanFactory() instanceof BeanDefinitionRegistry registry)) {
				throw new IllegalStateException("@WxClientTest needs a context whose bean factory takes bean "
						+ "definitions, and " + context.getClass().getName() + " has none");
			}
			registry.registerBeanDefinition(TestedClientsPostProcessor.class.getName(),
					new RootBeanDefinition(TestedClientsPostProcessor.class,
							() -> new TestedClientsPostProcessor(this.clients.types(), environment, context)));
		}

		/**
		 * Each client's base URL (the server, with the path and query of the client's own URL) and what keeps
		 * every call on the loopback server whatever the application's settings say: no proxy, plain HTTP and
		 * loopback allowed, and only loopback hosts unless the application names others.
		 */
		private Map<String, Object> properties(ConfigurableEnvironment environment) {
			Map<String, Object> properties = new LinkedHashMap<>();
			WxClientProperties configured = configuredClients(environment);
			for (Class<?> type : this.clients.types()) {
				String name = WxClientRegistrations.clientName(type);
				String url = configured.client(name).effectiveBaseUrl();
				if (url == null) {
					url = AnnotatedElementUtils.findMergedAnnotation(type, WxClient.class).url();
				}
				String prefix = "wx.network.clients." + name + ".";
				properties.put(prefix + "base-url", "${wiremock.server.baseUrl}" + pathAndQuery(environment, url));
				properties.put(prefix + "proxy", "none");
			}
			properties.put("wx.network.proxy", "none");
			properties.put("wx.network.block-private-networks", "false");
			properties.put("wx.network.require-https", "false");
			List<String> domains = Binder.get(environment)
				.bind("wx.network.allowed-domains", Bindable.listOf(String.class))
				.orElse(List.of());
			// localhost too: WireMockServer.baseUrl() names it. An empty list would let a call to an absolute URL
			// leave the machine.
			properties.put("wx.network.allowed-domains",
					domains.isEmpty() ? LOOPBACK_HOSTS : String.join(",", domains) + "," + LOOPBACK_HOSTS);
			return properties;
		}

		/** A client setting that does not bind is reported when the context binds it; here it only costs the path. */
		private static WxClientProperties configuredClients(ConfigurableEnvironment environment) {
			try {
				return WxClientProperties.bind(environment);
			}
			catch (RuntimeException ex) {
				return new WxClientProperties(Map.of());
			}
		}

		/**
		 * The path and query of the client's URL as written (a trailing slash kept: it decides how a relative
		 * mapping joins), with what a placeholder no test defines stands for left out, such as the port of
		 * {@code http://127.0.0.1:${local.server.port}/upstream}. Empty when the URL is not absolute once
		 * resolved, like a bare {@code ${catalog.url}}.
		 */
		private static String pathAndQuery(ConfigurableEnvironment environment, String url) {
			String resolved = environment.resolvePlaceholders(url).trim().replaceAll("\\$\\{[^}]*}", "0");
			try {
				URI uri = URI.create(resolved);
				if (!uri.isAbsolute() || uri.getRawPath() == null) {
					return "";
				}
				return uri.getRawPath() + ((uri.getRawQuery() != null) ? "?" + uri.getRawQuery() : "");
			}
			catch (IllegalArgumentException ex) {
				return "";
			}
		}

	}

}
