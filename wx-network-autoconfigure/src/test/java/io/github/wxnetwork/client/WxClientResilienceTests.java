package io.github.wxnetwork.client;

import java.util.concurrent.atomic.AtomicInteger;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.RetryRegistry;
import io.github.resilience4j.springboot.circuitbreaker.autoconfigure.CircuitBreakerAutoConfiguration;
import io.github.resilience4j.springboot.retry.autoconfigure.RetryAutoConfiguration;
import io.github.wxnetwork.RequestOptions;
import io.github.wxnetwork.WxErrno;
import io.github.wxnetwork.WxNetworkException;
import io.github.wxnetwork.WxRequestTemplate;
import io.github.wxnetwork.resilience.ResiliencePolicies;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.client.HttpServerErrorException;
import org.springframework.web.service.annotation.GetExchange;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Retry and circuit breakers in an application: per client and global settings, Resilience4j's own
 * registries (so its endpoints and metrics list wx-network's instances) and properties, and start-up
 * refusing settings that cannot work.
 */
class WxClientResilienceTests extends WxClientTestSupport {

	@WxClient(name = "shop", url = "${test.url}")
	interface Shop {

		@GetExchange("/items/{id}")
		Item item(@PathVariable String id);

	}

	@WxClient(name = "guarded", url = "${test.url}", fallback = CachedShop.class)
	interface GuardedShop {

		@GetExchange("/items/{id}")
		Item item(@PathVariable String id);

	}

	static class CachedShop implements GuardedShop {

		final AtomicInteger answers = new AtomicInteger();

		@Override
		public Item item(String id) {
			this.answers.incrementAndGet();
			return new Item(0, "cached");
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class WithFallback {

		@Bean
		CachedShop cachedShop() {
			return new CachedShop();
		}

	}

	/** With Resilience4j's Spring Boot support, as an application that has it on the classpath. */
	private static ApplicationContextRunner withResilience4j() {
		return runner().withConfiguration(
				AutoConfigurations.of(RetryAutoConfiguration.class, CircuitBreakerAutoConfiguration.class));
	}

	private static void busyThenFree(String path) {
		server.stubFor(get(urlEqualTo(path)).inScenario(path).whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withStatus(503)).willSetStateTo("free"));
		server.stubFor(get(urlEqualTo(path)).inScenario(path).whenScenarioStateIs("free")
			.willReturn(aResponse().withHeader("Content-Type", "application/json").withBody("{\"id\":1,\"name\":\"tea\"}")));
	}

	@Test
	void aClientRetriesUnderItsOwnInstanceWithItsOwnSettings() {
		busyThenFree("/items/1");
		withResilience4j().withInitializer(clients(Shop.class))
			.withPropertyValues("wx.network.clients.shop.retry.max-attempts=2", "wx.network.clients.shop.retry.wait=0ms")
			.run((context) -> {
				assertThat(context.getBean(Shop.class).item("1")).isEqualTo(new Item(1, "tea"));
				server.verify(2, getRequestedFor(urlEqualTo("/items/1")));
				RetryRegistry retries = context.getBean(RetryRegistry.class);
				assertThat(retries.getAllRetries()).extracting((retry) -> retry.getName())
					.contains("wx-shop", "wx-request", "wx-upload", "wx-download");
				assertThat(retries.retry("wx-shop").getMetrics().getNumberOfSuccessfulCallsWithRetryAttempt())
					.isEqualTo(1);
			});
	}

	@Test
	void templateCallsKeepTheGlobalSettingsWhichAClientInherits() {
		busyThenFree("/items/1");
		busyThenFree("/items/2");
		withResilience4j().withInitializer(clients(Shop.class))
			.withPropertyValues("wx.network.retry.max-attempts=2", "wx.network.retry.wait=0ms")
			.run((context) -> {
				assertThat(context.getBean(WxRequestTemplate.class)
					.request(RequestOptions.builder(server.baseUrl() + "/items/1").build())
					.join()
					.statusCode()).isEqualTo(200);
				assertThat(context.getBean(Shop.class).item("2")).isEqualTo(new Item(1, "tea"));
				server.verify(2, getRequestedFor(urlEqualTo("/items/1")));
				server.verify(2, getRequestedFor(urlEqualTo("/items/2")));
			});
	}

	@Test
	void resilience4jInstancePropertiesOverrideOurs() {
		server.stubFor(get(urlEqualTo("/items/1")).willReturn(aResponse().withStatus(503)));
		withResilience4j()
			.withPropertyValues("wx.network.retry.max-attempts=5", "wx.network.retry.wait=0ms",
					"resilience4j.retry.instances.wx-request.max-attempts=2",
					"resilience4j.retry.instances.wx-request.wait-duration=1ms")
			.run((context) -> {
				assertThat(context.getBean(WxRequestTemplate.class)
					.request(RequestOptions.builder(server.baseUrl() + "/items/1").build())
					.join()
					.statusCode()).isEqualTo(503);
				server.verify(2, getRequestedFor(urlEqualTo("/items/1")));
				assertThat(context.getBean(RetryRegistry.class).retry("wx-request").getRetryConfig().getMaxAttempts())
					.isEqualTo(2);
			});
	}

	@Test
	void anOpenCircuitFailsCallsAtOnceWithoutTheNetwork() {
		server.stubFor(get(urlEqualTo("/items/1")).willReturn(aResponse().withStatus(503)));
		withResilience4j().withInitializer(clients(Shop.class))
			.withPropertyValues(openAfterTwoFailures("shop"))
			.run((context) -> {
				Shop shop = context.getBean(Shop.class);
				assertThatExceptionOfType(HttpServerErrorException.class).isThrownBy(() -> shop.item("1"));
				assertThatExceptionOfType(HttpServerErrorException.class).isThrownBy(() -> shop.item("1"));
				CircuitBreaker breaker = context.getBean(CircuitBreakerRegistry.class).circuitBreaker("wx-shop");
				assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.OPEN);
				assertThatExceptionOfType(WxNetworkException.class).isThrownBy(() -> shop.item("1"))
					.satisfies((failure) -> {
						assertThat(failure.errMsg()).isEqualTo("request:fail circuit breaker open");
						assertThat(failure.errno()).isEqualTo(WxErrno.NONE);
					});
				server.verify(2, getRequestedFor(urlEqualTo("/items/1")));
			});
	}

	@Test
	void theFallbackAnswersWhileTheCircuitIsOpen() {
		server.stubFor(get(urlEqualTo("/items/1")).willReturn(aResponse().withStatus(500)));
		withResilience4j().withUserConfiguration(WithFallback.class)
			.withInitializer(clients(GuardedShop.class))
			.withPropertyValues(openAfterTwoFailures("guarded"))
			.run((context) -> {
				GuardedShop shop = context.getBean(GuardedShop.class);
				for (int i = 0; i < 5; i++) {
					assertThat(shop.item("1")).isEqualTo(new Item(0, "cached"));
				}
				assertThat(context.getBean(CachedShop.class).answers).hasValue(5);
				server.verify(2, getRequestedFor(urlEqualTo("/items/1")));
			});
	}

	@Test
	void clientErrorsDoNotOpenTheCircuit() {
		server.stubFor(get(urlEqualTo("/items/1")).willReturn(aResponse().withStatus(404)));
		withResilience4j().withInitializer(clients(Shop.class))
			.withPropertyValues(openAfterTwoFailures("shop"))
			.run((context) -> {
				Shop shop = context.getBean(Shop.class);
				for (int i = 0; i < 4; i++) {
					assertThatExceptionOfType(RuntimeException.class).isThrownBy(() -> shop.item("1"))
						.isNotInstanceOf(WxNetworkException.class);
				}
				assertThat(context.getBean(CircuitBreakerRegistry.class).circuitBreaker("wx-shop").getState())
					.isEqualTo(CircuitBreaker.State.CLOSED);
				server.verify(4, getRequestedFor(urlEqualTo("/items/1")));
			});
	}

	@Test
	void withoutResilience4jsSpringSupportTheInstancesStillWork() {
		server.stubFor(get(urlEqualTo("/items/1")).willReturn(aResponse().withStatus(503)));
		runner().withInitializer(clients(Shop.class))
			.withPropertyValues("wx.network.clients.shop.circuit-breaker.enabled=true")
			.run((context) -> {
				assertThat(context).hasNotFailed().doesNotHaveBean(CircuitBreakerRegistry.class);
				assertThat(context.getBean(ResiliencePolicies.class).forClient("shop", null, false).isActive())
					.as("the client's policy, made at start-up with its breaker").isTrue();
				assertThatExceptionOfType(HttpServerErrorException.class)
					.isThrownBy(() -> context.getBean(Shop.class).item("1"));
			});
	}

	@WxClient(name = "download", url = "${test.url}")
	interface NamedLikeATemplate {

		@GetExchange("/items/{id}")
		Item item(@PathVariable String id);

	}

	@Test
	void aClientNamedLikeATemplateStopsStartUp() {
		runner().withInitializer(clients(NamedLikeATemplate.class)).run((context) -> assertThat(context).getFailure()
			.rootCause()
			.isInstanceOf(WxClientDefinitionException.class)
			.hasMessageContaining("would share the Resilience4j instances of the download template (wx-download)"));
	}

	@Test
	void badRetrySettingsStopStartUpNamingTheProperty() {
		assertStartUpFails("wx.network.retry.max-attempts=0", "wx.network.retry.max-attempts");
		assertStartUpFails("wx.network.retry.wait=-1s", "wx.network.retry.wait");
		assertStartUpFails("wx.network.retry.max-wait=-5s", "wx.network.retry.max-wait");
		assertStartUpFails("wx.network.retry.multiplier=0.5", "wx.network.retry.multiplier");
		assertStartUpFails("wx.network.retry.statuses=503,700", "wx.network.retry.statuses");
		assertStartUpFails("wx.network.retry.methods=GET,PATCH", "wx.network.retry.methods");
		assertStartUpFails("wx.network.clients.shop.retry.max-attempts=0", "wx.network.clients.shop.retry.max-attempts");
	}

	private static void assertStartUpFails(String property, String named) {
		runner().withInitializer(clients(Shop.class)).withPropertyValues(property).run((context) -> {
			assertThat(context).hasFailed();
			Throwable failure = context.getStartupFailure();
			StringBuilder messages = new StringBuilder();
			for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
				messages.append(cause.getMessage()).append('\n');
			}
			assertThat(messages).as(property).contains(named);
			if (!property.contains("methods")) {
				assertThat(failure).hasRootCauseInstanceOf(InvalidConfigurationPropertyValueException.class);
			}
		});
	}

	private static String[] openAfterTwoFailures(String client) {
		String instance = "resilience4j.circuitbreaker.instances.wx-" + client;
		return new String[] { "wx.network.clients." + client + ".circuit-breaker.enabled=true",
				instance + ".sliding-window-size=2", instance + ".minimum-number-of-calls=2",
				instance + ".failure-rate-threshold=50", instance + ".wait-duration-in-open-state=1m" };
	}

}
