package io.github.wxnetwork.client;

import java.util.Map;

import io.github.wxnetwork.RequestSuccess;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.service.annotation.DeleteExchange;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.HttpExchange;
import org.springframework.web.service.annotation.PostExchange;
import org.springframework.web.service.annotation.PutExchange;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The WeChat methods as Spring spells them: the shortcut annotations, {@code @HttpExchange(method)} for
 * the rest, and a method inherited from the interface's {@code @HttpExchange}.
 */
class WxClientHttpMethodTests extends WxClientTestSupport {

	@WxClient(name = "methods", url = "${test.url}")
	interface MethodsClient {

		@GetExchange("/r")
		RequestSuccess get();

		@PostExchange("/r")
		RequestSuccess post(@RequestBody String body);

		@PutExchange("/r")
		RequestSuccess put(@RequestBody String body);

		@DeleteExchange("/r")
		RequestSuccess delete();

		@HttpExchange(method = "HEAD", url = "/r")
		RequestSuccess head(@RequestParam String q);

		@HttpExchange(method = "options", url = "/r")
		RequestSuccess options();

		@HttpExchange(method = "TRACE", url = "/r")
		RequestSuccess trace();

	}

	@WxClient(value = "typed", url = "${test.url}")
	@HttpExchange(url = "/typed", method = "POST")
	interface TypeMethodClient {

		@HttpExchange("/inherits")
		RequestSuccess inheritsPost(@RequestBody Map<String, Object> body);

	}

	@BeforeEach
	void stub() {
		server.stubFor(any(anyUrl()).willReturn(aResponse().withBody("done")));
	}

	@Test
	void shortcutAnnotationsSendTheirMethods() {
		run((client) -> {
			client.get();
			client.post("p");
			client.put("u");
			client.delete();
		});
		assertThat(server.getAllServeEvents()).extracting((event) -> event.getRequest().getMethod().getName())
			.containsExactlyInAnyOrder("GET", "POST", "PUT", "DELETE");
	}

	@Test
	void headAndOptionsGoThroughHttpExchangeMethodInAnyCase() {
		run((client) -> {
			assertThat(client.head("x").statusCode()).isEqualTo(200);
			assertThat(client.options().data()).isEqualTo("done");
		});
		assertThat(server.getAllServeEvents()).extracting((event) -> event.getRequest().getMethod().getName() + " "
				+ event.getRequest().getUrl())
			.containsExactlyInAnyOrder("HEAD /r?q=x", "OPTIONS /r");
	}

	@Test
	void traceIsSent() {
		run((client) -> assertThat(client.trace().statusCode()).isEqualTo(200));
		assertThat(onlyRequest().getMethod().getName()).isEqualTo("TRACE");
	}

	@Test
	void methodOfTheInterfacesHttpExchangeIsInherited() {
		runner().withInitializer(clients(TypeMethodClient.class))
			.run((context) -> {
				TypeMethodClient client = context.getBean(TypeMethodClient.class);
				assertThat(client.toString()).startsWith("WxClient[name=typed, ");
				client.inheritsPost(Map.of("a", 1));
			});
		assertThat(onlyRequest().getMethod().getName()).isEqualTo("POST");
		assertThat(onlyRequest().getUrl()).isEqualTo("/typed/inherits");
		assertThat(body(onlyRequest())).isEqualTo("{\"a\":1}");
	}

	private void run(java.util.function.Consumer<MethodsClient> body) {
		runner().withInitializer(clients(MethodsClient.class))
			.run((context) -> body.accept(context.getBean(MethodsClient.class)));
	}

}
