package io.github.wxnetwork.client;

import java.io.IOException;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.service.annotation.GetExchange;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;

/** What a Java user expects of the proxy: default methods, generic super-interfaces, Object methods. */
class WxClientProxyTests extends WxClientTestSupport {

	/** A generic base a team might share between clients. */
	interface Lookup<T> {

		@GetExchange("/items/{id}")
		T find(@PathVariable int id);

		default String describe(int id) {
			return "found " + find(id);
		}

	}

	@WxClient(name = "proxy", url = "${test.url}")
	interface ProxyClient extends Lookup<Item> {

		@GetExchange("/items")
		List<Item> all();

		default String firstName() {
			return all().get(0).name();
		}

		default int add(int a, int b) {
			return a + b;
		}

		default void failing() throws IOException {
			throw new IOException("from the default method");
		}

	}

	@BeforeEach
	void stub() {
		server.stubFor(get("/items/1").willReturn(aResponse().withHeader("Content-Type", "application/json")
			.withBody("{\"id\":1,\"name\":\"tea\"}")));
		server.stubFor(get("/items").willReturn(aResponse().withHeader("Content-Type", "application/json")
			.withBody("[{\"id\":1,\"name\":\"tea\"}]")));
	}

	@Test
	void defaultMethodRunsItsOwnCodeAndCallsMappedMethods() {
		run((client) -> {
			assertThat(client.firstName()).isEqualTo("tea");
			assertThat(client.add(2, 3)).isEqualTo(5);
		});
	}

	@Test
	void defaultMethodThrowsItsOwnCheckedException() {
		run((client) -> assertThatIOException().isThrownBy(client::failing).withMessage("from the default method"));
	}

	@Test
	void genericSuperInterfaceMethodsDecodeTheResolvedType() {
		run((client) -> {
			assertThat(client.find(1)).isEqualTo(new Item(1, "tea"));
			assertThat(client.describe(1)).isEqualTo("found Item[id=1, name=tea]");
		});
	}

	@Test
	void toStringNamesTheClientAndItsUrl() {
		// The url as the actuator shows URLs: masked, so a token in the base url's query never reaches a log.
		run((client) -> assertThat(client.toString()).isEqualTo("WxClient[name=proxy, url=" + server.baseUrl() + "/]"));
	}

	@Test
	void equalsAndHashCodeAreTheProxysOwnAndSendNothing() {
		run((client) -> {
			assertThat(client.equals(client)).isTrue();
			assertThat(client.equals(null)).isFalse();
			assertThat(client.equals(new Object())).isFalse();
			assertThat(client.hashCode()).isEqualTo(client.hashCode());
		});
		assertThat(server.getAllServeEvents()).isEmpty();
	}

	private void run(java.util.function.Consumer<ProxyClient> body) {
		runner().withInitializer(clients(ProxyClient.class))
			.run((context) -> body.accept(context.getBean(ProxyClient.class)));
	}

}
