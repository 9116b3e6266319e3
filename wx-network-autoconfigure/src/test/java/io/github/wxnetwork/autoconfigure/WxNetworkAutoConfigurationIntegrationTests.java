package io.github.wxnetwork.autoconfigure;

import io.github.wxnetwork.WxErrno;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.github.wxnetwork.RequestOptions;
import io.github.wxnetwork.RequestSuccess;
import io.github.wxnetwork.WxNetworkException;
import io.github.wxnetwork.WxRequestTemplate;
import io.github.wxnetwork.engine.WxHttpEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The auto-configured beans doing real work against a WireMock server, and letting go of their
 * threads when the context closes.
 */
class WxNetworkAutoConfigurationIntegrationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(JacksonAutoConfiguration.class, WxNetworkAutoConfiguration.class));

	private WireMockServer server;

	@BeforeEach
	void startServer() {
		this.server = new WireMockServer(wireMockConfig().dynamicPort());
		this.server.start();
		this.server.stubFor(get(urlPathEqualTo("/items")).willReturn(aResponse().withStatus(200)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"items\":[{\"id\":1,\"name\":\"tea\"}],\"total\":1}")));
	}

	@AfterEach
	void stopServer() {
		this.server.stop();
	}

	@Test
	void whenTemplateGetsJsonThenDataIsParsed() {
		this.contextRunner.run((context) -> {
			RequestSuccess success = context.getBean(WxRequestTemplate.class)
				.request(RequestOptions.builder(this.server.baseUrl() + "/items").data(Map.of("page", 2)).build())
				.join();
			assertThat(success.statusCode()).isEqualTo(200);
			assertThat(success.errMsg()).isEqualTo("request:ok");
			assertThat(success.data())
				.isEqualTo(Map.of("items", List.of(Map.of("id", 1, "name", "tea")), "total", 1));
			assertThat(success.header()).containsEntry("content-type", "application/json");
		});
		this.server.verify(exactly(1), getRequestedFor(urlEqualTo("/items?page=2")));
	}

	@Test
	void whenCacheMaxSizeIsSetThenEnableCacheKeepsResponsesOnDiskUnderTheTempDir(@TempDir Path temp) {
		this.server.stubFor(get("/cached").willReturn(aResponse().withHeader("Cache-Control", "max-age=60").withBody("kept")));
		this.contextRunner.withPropertyValues("wx.network.cache.max-size=1MB", "wx.network.temp-dir=" + temp)
			.run((context) -> {
				WxRequestTemplate template = context.getBean(WxRequestTemplate.class);
				for (int i = 0; i < 3; i++) {
					assertThat(template.request(RequestOptions.builder(this.server.baseUrl() + "/cached").enableCache(true)
						.build()).join().data()).isEqualTo("kept");
				}
				assertThat(temp.resolve("http-cache")).isDirectoryContaining("glob:**/journal");
			});
		this.server.verify(exactly(1), getRequestedFor(urlEqualTo("/cached")));
	}

	@Test
	void whenPrivateNetworksAreBlockedThenLoopbackIsRefusedWithoutReachingTheServer() {
		this.contextRunner.withPropertyValues("wx.network.block-private-networks=true").run((context) -> {
			assertThatExceptionOfType(WxNetworkException.class)
				.isThrownBy(() -> context.getBean(WxRequestTemplate.class)
					.request(RequestOptions.builder(this.server.baseUrl() + "/items").build())
					.join())
				.extracting(WxNetworkException::errMsg)
				.isEqualTo("request:fail url not in domain list");
		});
		this.server.verify(exactly(0), getRequestedFor(urlPathEqualTo("/items")));
	}

	@Test
	void whenHostIsNotInAllowedDomainsThenRequestFailsWithoutReachingTheServer() {
		this.contextRunner.withPropertyValues("wx.network.allowed-domains=example.com").run((context) -> {
			assertThatExceptionOfType(WxNetworkException.class)
				.isThrownBy(() -> context.getBean(WxRequestTemplate.class)
					.request(RequestOptions.builder(this.server.baseUrl() + "/items").build())
					.join())
				.satisfies((ex) -> {
					assertThat(ex.errMsg()).isEqualTo("request:fail url not in domain list");
					assertThat(ex.errno()).isEqualTo(WxErrno.URL_NOT_IN_DOMAIN_LIST);
				});
		});
		this.server.verify(exactly(0), getRequestedFor(urlPathEqualTo("/items")));
	}

	@Test
	void whenHostIsInAllowedDomainsThenRequestSucceeds() {
		this.contextRunner.withPropertyValues("wx.network.allowed-domains=example.com,localhost").run((context) -> {
			RequestSuccess success = context.getBean(WxRequestTemplate.class)
				.request(RequestOptions.builder(this.server.baseUrl() + "/items").build())
				.join();
			assertThat(success.statusCode()).isEqualTo(200);
		});
	}

	@Test
	void whenRequireHttpsThenPlainHttpRequestFailsAsInvalidUrl() {
		String url = this.server.baseUrl() + "/items";
		this.contextRunner.withPropertyValues("wx.network.require-https=true").run((context) -> {
			assertThatExceptionOfType(WxNetworkException.class)
				.isThrownBy(() -> context.getBean(WxRequestTemplate.class).request(RequestOptions.builder(url).build()).join())
				.satisfies((ex) -> {
					assertThat(ex.errMsg()).isEqualTo("request:fail invalid url \"" + url + "\"");
					assertThat(ex.errno()).isEqualTo(WxErrno.INVALID_URL);
				});
		});
		this.server.verify(exactly(0), getRequestedFor(urlPathEqualTo("/items")));
	}

	@Test
	void whenRequestTimeoutIsSetThenTemplateUsesItAsDefault() {
		this.server.stubFor(get("/slow").willReturn(aResponse().withStatus(200).withFixedDelay(3_000).withBody("late")));
		this.contextRunner.withPropertyValues("wx.network.request.timeout=300ms").run((context) -> {
			long start = System.nanoTime();
			assertThatExceptionOfType(WxNetworkException.class)
				.isThrownBy(() -> context.getBean(WxRequestTemplate.class)
					.request(RequestOptions.builder(this.server.baseUrl() + "/slow").build())
					.join())
				.satisfies((ex) -> {
					assertThat(ex.errMsg()).isEqualTo("request:fail timeout");
					assertThat(ex.errno()).isEqualTo(WxErrno.TIMEOUT);
				});
			// Ended by the 300ms default, not by the 3s reply.
			assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(2_500);
		});
	}

	@Test
	void whenContextClosesThenEngineThreadsAreGone() throws InterruptedException {
		Set<Thread> before = wxNetworkThreads();
		AtomicReference<Set<Thread>> started = new AtomicReference<>();
		AtomicReference<WxHttpEngine> engine = new AtomicReference<>();
		this.contextRunner.run((context) -> {
			assertThat(context.getBean(WxRequestTemplate.class)
				.request(RequestOptions.builder(this.server.baseUrl() + "/items").build())
				.join()
				.statusCode()).isEqualTo(200);
			engine.set(context.getBean(WxHttpEngine.class));
			started.set(wxNetworkThreads().stream().filter((thread) -> !before.contains(thread)).collect(Collectors.toSet()));
		});
		// The request ran on the engine's own threads (worker and timer): otherwise this test proves nothing.
		assertThat(started.get()).isNotEmpty();
		assertThat(engine.get().callbackExecutor().isShutdown()).isTrue();

		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		for (Thread thread : started.get()) {
			long remaining = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
			if (remaining > 0) {
				thread.join(remaining);
			}
		}
		assertThat(started.get()).as("wx-network threads still alive after close").noneMatch(Thread::isAlive);
		assertThat(wxNetworkThreads()).as("no new wx-network thread left").allMatch(before::contains);
	}

	private static Set<Thread> wxNetworkThreads() {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter((thread) -> thread.getName().startsWith("wx-network-"))
			.collect(Collectors.toSet());
	}

}
