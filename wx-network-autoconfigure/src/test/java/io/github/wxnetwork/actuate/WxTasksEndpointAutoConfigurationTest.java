package io.github.wxnetwork.actuate;

import io.github.wxnetwork.WxRequestTemplate;
import io.github.wxnetwork.autoconfigure.WxNetworkAutoConfiguration;
import io.github.wxnetwork.autoconfigure.WxTasksEndpointAutoConfiguration;
import io.github.wxnetwork.engine.TaskLauncher;
import io.github.wxnetwork.engine.TaskRegistry;
import io.github.wxnetwork.limits.TaskLimiter;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/** The endpoint is registered like Boot's own: only with Actuator on the classpath and when exposed. */
class WxTasksEndpointAutoConfigurationTest {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, WxNetworkAutoConfiguration.class,
				WxTasksEndpointAutoConfiguration.class))
		.withPropertyValues("wx.network.shutdown-grace=1s");

	@Test
	void endpointIsRegisteredWhenExposed() {
		this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=wxtasks")
			.run((context) -> {
				assertThat(context).hasSingleBean(WxTasksEndpoint.class);
				assertThat(context.getBean(WxTasksEndpoint.class).tasks().kinds()).containsOnlyKeys("request",
						"upload", "download");
			});
	}

	@Test
	void endpointIsRegisteredWhenAllEndpointsAreExposed() {
		this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=*")
			.run((context) -> assertThat(context).hasSingleBean(WxTasksEndpoint.class));
	}

	@Test
	void endpointIsAbsentWhenNotExposed() {
		this.contextRunner.run((context) -> assertThat(context).hasNotFailed()
			.doesNotHaveBean(WxTasksEndpoint.class)
			.hasSingleBean(TaskLauncher.class)
			.hasSingleBean(WxRequestTemplate.class));
		this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=health,info")
			.run((context) -> assertThat(context).doesNotHaveBean(WxTasksEndpoint.class));
	}

	@Test
	void endpointIsAbsentWhenExposedButExcludedOrAccessNone() {
		this.contextRunner
			.withPropertyValues("management.endpoints.web.exposure.include=*",
					"management.endpoints.web.exposure.exclude=wxtasks")
			.run((context) -> assertThat(context).doesNotHaveBean(WxTasksEndpoint.class));
		this.contextRunner
			.withPropertyValues("management.endpoints.web.exposure.include=wxtasks",
					"management.endpoint.wxtasks.access=NONE")
			.run((context) -> assertThat(context).doesNotHaveBean(WxTasksEndpoint.class));
	}

	@Test
	void endpointIsAbsentWithoutActuatorClasses() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(Endpoint.class))
			.withPropertyValues("management.endpoints.web.exposure.include=wxtasks")
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(WxTasksEndpoint.class)
				.hasSingleBean(WxRequestTemplate.class));
	}

	@Test
	void userEndpointBeanWins() {
		this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=wxtasks")
			.withUserConfiguration(UserEndpointConfiguration.class)
			.run((context) -> assertThat(context).hasSingleBean(WxTasksEndpoint.class)
				.getBean(WxTasksEndpoint.class)
				.isSameAs(context.getBean(UserEndpointConfiguration.class).endpoint));
	}

	@Configuration(proxyBeanMethods = false)
	static class UserEndpointConfiguration {

		final WxTasksEndpoint endpoint = new WxTasksEndpoint(new TaskRegistry(), TaskLimiter.unlimited());

		@Bean
		WxTasksEndpoint userWxTasksEndpoint() {
			return this.endpoint;
		}

	}

}
