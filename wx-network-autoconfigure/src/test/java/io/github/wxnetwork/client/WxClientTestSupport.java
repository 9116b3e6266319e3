package io.github.wxnetwork.client;

import java.nio.charset.StandardCharsets;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.wxnetwork.autoconfigure.WxClientsAutoConfiguration;
import io.github.wxnetwork.autoconfigure.WxNetworkAutoConfiguration;
import io.github.wxnetwork.support.WireMockPerClass;

import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One WireMock server per test class (in-JVM, dynamic port) and an application context runner with the
 * auto-configurations a Boot application would have; {@code test.url} points at the server.
 */
abstract class WxClientTestSupport extends WireMockPerClass {


	static ApplicationContextRunner runner() {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, WxNetworkAutoConfiguration.class,
					WxClientsAutoConfiguration.class))
			.withPropertyValues("test.url=" + server.baseUrl());
	}

	/** Registers clients the way {@code @EnableWxClients(clients = ...)} does, without a configuration class. */
	static ApplicationContextInitializer<ConfigurableApplicationContext> clients(Class<?>... types) {
		return (context) -> {
			WxClientRegistrations registrations = new WxClientRegistrations(
					(BeanDefinitionRegistry) context.getBeanFactory(), context.getEnvironment(), context);
			for (Class<?> type : types) {
				registrations.register(type);
			}
		};
	}

	/** The only request the server received since the last reset. */
	static LoggedRequest onlyRequest() {
		assertThat(server.getAllServeEvents()).hasSize(1);
		return server.getAllServeEvents().get(0).getRequest();
	}

	static String body(LoggedRequest request) {
		return new String(request.getBody(), StandardCharsets.UTF_8);
	}

}
