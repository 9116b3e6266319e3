package io.github.wxnetwork.client;

import org.junit.jupiter.api.Test;

import org.springframework.context.annotation.Lazy;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.service.annotation.GetExchange;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@code @Lazy} on a client interface defers its mapping to first use: its url may name a property that
 * only exists once the application has started (such as {@code local.server.port}).
 */
class WxClientLazyTests extends WxClientTestSupport {

	@WxClient(name = "late", url = "${late.url}")
	@Lazy
	interface LateClient {

		@GetExchange("/items/{id}")
		String item(@PathVariable int id);

	}

	@Test
	void aLazyClientWhosePlaceholderIsNotYetSetDoesNotStopStartUp() {
		runner().withBean(LateClientHolder.class).run((context) -> {
			assertThat(context).hasNotFailed();
			// The property appears after start-up, as local.server.port does.
			org.springframework.boot.test.util.TestPropertyValues.of("late.url=" + server.baseUrl()).applyTo(context);
			server.stubFor(get("/items/3").willReturn(aResponse().withBody("three")));
			assertThat(context.getBean(LateClient.class).item(3)).isEqualTo("three");
		});
	}

	@Test
	void aLazyClientStillFailsWithTheInterfaceAndMethodNamedWhenFirstUsed() {
		runner().withBean(LateClientHolder.class).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThatExceptionOfType(Exception.class).isThrownBy(() -> context.getBean(LateClient.class))
				.withStackTraceContaining("late.url");
		});
	}

	/** Registers the client explicitly, the way {@code @EnableWxClients(clients = ...)} does. */
	@EnableWxClients(clients = LateClient.class)
	static class LateClientHolder {

	}

}
