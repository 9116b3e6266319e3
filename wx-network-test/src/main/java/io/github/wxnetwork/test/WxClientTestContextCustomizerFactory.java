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
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.TestContextAnnotationUtils;

/**
 * Points a {@link WxClientTest}'s clients at its WireMock server and keeps them the only clients of the
 * context.
 */
final class WxClientTestContextCustomizerFactory implements ContextCustomizerFactory {

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
			environment.getPropertySources().addFirst(new MapPropertySource("wxClientTest", properties(environment)));
			if (!(context.getBeanFactory() instanceof BeanDefinitionRegistry registry)) {
				throw new IllegalStateException("@WxClientTest needs a context whose bean factory takes bean definitions, "
						+ "and " + context.getClass().getName() + " has none");
			}
			registry.registerBeanDefinition(TestedClientsPostProcessor.class.getName(),
					new RootBeanDefinition(TestedClientsPostProcessor.class,
							() -> new TestedClientsPostProcessor(this.clients.types(), environment, context)));
		}

		/**
		 * Each client's base URL (the server, with the path of the client's own URL when that resolves), and what
		 * lets wx-network reach a plain-HTTP loopback server whatever the application's guards say.
		 */
		private Map<String, Object> properties(ConfigurableEnvironment environment) {
			WxClientProperties configured = Binder.get(environment).bindOrCreate("wx.network", WxClientProperties.class);
			Map<String, Object> properties = new LinkedHashMap<>();
			for (Class<?> type : this.clients.types()) {
				WxClient annotation = type.getAnnotation(WxClient.class);
				String name = WxClientRegistrations.clientName(type, annotation);
				String url = configured.client(name).effectiveBaseUrl();
				properties.put("wx.network.clients." + name + ".base-url",
						"${wiremock.server.baseUrl}" + path(environment, (url != null) ? url : annotation.url()));
			}
			properties.put("wx.network.block-private-networks", "false");
			properties.put("wx.network.require-https", "false");
			List<String> domains = Binder.get(environment)
				.bind("wx.network.allowed-domains", Bindable.listOf(String.class))
				.orElse(List.of());
			if (!domains.isEmpty()) {
				// localhost too: WireMockServer.baseUrl() names it.
				properties.put("wx.network.allowed-domains",
						String.join(",", domains) + "," + WireMockContextCustomizerFactory.LOOPBACK + ",localhost");
			}
			return properties;
		}

		/** The path of the client's configured URL, without a trailing slash; empty when it does not resolve. */
		private static String path(ConfigurableEnvironment environment, String url) {
			String resolved = environment.resolvePlaceholders(url).trim();
			if (resolved.contains("${")) {
				return "";
			}
			try {
				String path = URI.create(resolved).getRawPath();
				return (path == null) ? "" : path.replaceAll("/+$", "");
			}
			catch (IllegalArgumentException ex) {
				return "";
			}
		}

	}

}
