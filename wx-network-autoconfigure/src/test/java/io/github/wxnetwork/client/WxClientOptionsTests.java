package io.github.wxnetwork.client;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.github.wxnetwork.DownloadSuccess;
import io.github.wxnetwork.Redirect;
import io.github.wxnetwork.RequestSuccess;
import io.github.wxnetwork.RequestTask;
import io.github.wxnetwork.ResponseType;
import io.github.wxnetwork.WxErrno;
import io.github.wxnetwork.WxNetworkException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.http.ResponseEntity;
import org.springframework.web.service.annotation.GetExchange;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link WxOptions} on methods and interfaces: dataType, responseType, timeout (with placeholders) and
 * WeChat's switches.
 */
class WxClientOptionsTests extends WxClientTestSupport {

	@WxClient(name = "options", url = "${test.url}")
	@WxOptions(timeout = "${test.timeout:10s}")
	interface OptionsClient {

		@GetExchange("/item")
		RequestSuccess asJson();

		@GetExchange("/item")
		@WxOptions(dataType = "text")
		RequestSuccess asText();

		@GetExchange("/item")
		@WxOptions(responseType = ResponseType.ARRAYBUFFER)
		RequestSuccess asBytes();

		@GetExchange("/item")
		@WxOptions(dataType = "json")
		String parsedThenWrittenBack();

		@GetExchange("/slow")
		@WxOptions(timeout = "300ms")
		RequestSuccess methodTimeout();

		@GetExchange("/slow")
		RequestSuccess typeTimeout();

	}

	@WxClient(name = "inheriting", url = "${test.url}")
	@WxOptions(dataType = "text", timeout = "200ms")
	interface InheritingClient {

		@GetExchange("/item")
		@WxOptions(timeout = "10s")
		RequestSuccess longerTimeoutSameDataType();

		@GetExchange("/slow")
		RequestSuccess inheritedTimeout();

	}

	@WxClient(name = "switches", url = "${test.url}")
	@WxOptions(enableProfile = false, redirect = Redirect.MANUAL)
	interface SwitchesClient {

		@GetExchange("/moved")
		ResponseEntity<Void> movedAsIs();

		@GetExchange("/moved")
		@WxOptions(redirect = Redirect.FOLLOW, enableProfile = true)
		RequestSuccess movedFollowedWithProfile();

		@GetExchange("/item")
		RequestSuccess withoutProfile();

		@GetExchange("/item")
		@WxOptions(enableChunked = true)
		RequestTask streamed();

		@GetExchange("/file")
		DownloadSuccess downloadWithoutProfile();

	}

	@WxClient(name = "chunkedByDefault", url = "${test.url}")
	@WxOptions(enableChunked = true)
	interface ChunkedByDefaultClient {

		@GetExchange("/item")
		RequestTask streamed();

		/** A download: the request-only switch of the interface does not apply to it. */
		@GetExchange("/file")
		Path file();

	}

	@BeforeEach
	void stub() {
		server.stubFor(get("/item").willReturn(aResponse().withHeader("Content-Type", "application/json")
			.withBody("{\"id\":1,\"name\":\"tea\"}")));
		server.stubFor(get("/slow").willReturn(aResponse().withFixedDelay(1_500).withBody("{}")));
		server.stubFor(get("/moved").willReturn(aResponse().withStatus(302).withHeader("Location", "/item")));
		server.stubFor(get("/file").willReturn(aResponse().withBody("file")));
	}

	@Test
	void switchesOnTheInterfaceApplyToEveryMethodAndMethodsOverrideThem() {
		runner().withInitializer(clients(SwitchesClient.class)).run((context) -> {
			SwitchesClient client = context.getBean(SwitchesClient.class);
			ResponseEntity<Void> moved = client.movedAsIs();
			assertThat(moved.getStatusCode().value()).isEqualTo(302);
			assertThat(moved.getHeaders().getLocation()).hasToString("/item");
			RequestSuccess followed = client.movedFollowedWithProfile();
			assertThat(followed.data()).isEqualTo(Map.of("id", 1, "name", "tea"));
			assertThat(followed.profile()).isNotNull();
			assertThat(followed.profile().redirectStart()).isPositive();
			assertThat(client.withoutProfile().profile()).isNull();
			DownloadSuccess download = client.downloadWithoutProfile();
			assertThat(download.profile()).isNull();
			Files.deleteIfExists(download.tempFilePath());
		});
	}

	@Test
	void aRequestOnlySwitchOfTheInterfaceLeavesItsDownloadsAlone() {
		runner().withInitializer(clients(ChunkedByDefaultClient.class)).run((context) -> {
			ChunkedByDefaultClient client = context.getBean(ChunkedByDefaultClient.class);
			Path file = client.file();
			assertThat(file).hasContent("file");
			Files.delete(file);
			assertThat(client.streamed().join().data()).isNull();
		});
	}

	@Test
	void enableChunkedOnARequestTaskStreamsTheBodyToItsListeners() {
		runner().withInitializer(clients(SwitchesClient.class)).run((context) -> {
			RequestTask task = context.getBean(SwitchesClient.class).streamed();
			StringBuilder chunks = new StringBuilder();
			task.onChunkReceived((chunk) -> chunks.append(new String(chunk.data(), StandardCharsets.UTF_8)));
			RequestSuccess success = task.join();
			assertThat(success.data()).isNull();
			assertThat(chunks).hasToString("{\"id\":1,\"name\":\"tea\"}");
		});
	}

	@Test
	void dataTypeJsonIsTheDefaultAndParses() {
		run((client) -> assertThat(client.asJson().data()).isEqualTo(Map.of("id", 1, "name", "tea")));
	}

	@Test
	void dataTypeTextLeavesDataAString() {
		run((client) -> assertThat(client.asText().data()).isEqualTo("{\"id\":1,\"name\":\"tea\"}"));
	}

	@Test
	void responseTypeArraybufferGivesBytes() {
		run((client) -> assertThat(client.asBytes().data()).isInstanceOf(byte[].class)
			.isEqualTo("{\"id\":1,\"name\":\"tea\"}".getBytes()));
	}

	@Test
	void explicitJsonWithAStringReturnWritesTheParsedValueBack() {
		run((client) -> assertThat(client.parsedThenWrittenBack()).isEqualTo("{\"id\":1,\"name\":\"tea\"}"));
	}

	@Test
	void methodTimeoutFailsTheBlockingCallWithWeChatsTimeout() {
		run((client) -> assertThatExceptionOfType(WxNetworkException.class).isThrownBy(client::methodTimeout)
			.satisfies((ex) -> {
				assertThat(ex.errMsg()).isEqualTo("request:fail timeout");
				assertThat(ex.errno()).isEqualTo(WxErrno.TIMEOUT);
			}));
	}

	@Test
	void typeLevelTimeoutIsResolvedThroughPlaceholders() {
		runner().withInitializer(clients(OptionsClient.class))
			.withPropertyValues("test.timeout=300ms")
			.run((context) -> assertThatExceptionOfType(WxNetworkException.class)
				.isThrownBy(() -> context.getBean(OptionsClient.class).typeTimeout())
				.extracting(WxNetworkException::errMsg)
				.isEqualTo("request:fail timeout"));
	}

	@Test
	void methodOptionsOverrideTheInterfacesAttributeByAttribute() {
		runner().withInitializer(clients(InheritingClient.class)).run((context) -> {
			InheritingClient client = context.getBean(InheritingClient.class);
			assertThat(client.longerTimeoutSameDataType().data()).isEqualTo("{\"id\":1,\"name\":\"tea\"}");
			assertThatExceptionOfType(WxNetworkException.class).isThrownBy(client::inheritedTimeout)
				.extracting(WxNetworkException::errno)
				.isEqualTo(5);
		});
	}

	private void run(java.util.function.Consumer<OptionsClient> body) {
		ApplicationContextRunner runner = runner().withInitializer(clients(OptionsClient.class));
		runner.run((context) -> body.accept(context.getBean(OptionsClient.class)));
	}

}
