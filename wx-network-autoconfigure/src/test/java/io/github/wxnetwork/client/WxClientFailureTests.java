package io.github.wxnetwork.client;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import io.github.wxnetwork.DownloadTask;
import io.github.wxnetwork.RequestSuccess;
import io.github.wxnetwork.UploadSuccess;
import io.github.wxnetwork.WxErrno;
import io.github.wxnetwork.WxNetworkException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.client.RestClientException;
import org.springframework.web.service.annotation.DeleteExchange;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.PostExchange;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Failures at call time: a blocking call throws the task's {@link WxNetworkException} (WeChat's errMsg
 * and errno), a future fails with it, and a 4xx or 5xx is data, as in WeChat.
 */
class WxClientFailureTests extends WxClientTestSupport {

	@TempDir
	Path dir;

	@WxClient(name = "failing", url = "${failing.url}")
	interface FailingClient {

		@GetExchange("/item")
		Item item();

		@GetExchange("/item")
		CompletableFuture<Item> itemLater();

		@DeleteExchange("/items/{id}")
		void delete(@PathVariable String id);

		@GetExchange("/item")
		RequestSuccess success();

		@PostExchange("/upload")
		UploadSuccess upload(@RequestPart("file") Path file);

		@GetExchange("/file")
		DownloadTask download(@WxFilePath Path target);

	}

	@BeforeEach
	void stub() {
		server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(500).withBody("<html>oops</html>")));
		server.stubFor(get("/file").willReturn(aResponse().withBody("data")));
	}

	@Test
	void blockingCallThrowsWxNetworkExceptionWithErrMsgAndErrno() throws IOException {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			closedPort = socket.getLocalPort();
		}
		runner().withInitializer(clients(FailingClient.class))
			.withPropertyValues("failing.url=http://127.0.0.1:" + closedPort)
			.run((context) -> assertThatExceptionOfType(WxNetworkException.class)
				.isThrownBy(() -> context.getBean(FailingClient.class).item())
				.satisfies((ex) -> {
					assertThat(ex.errMsg()).startsWith("request:fail ");
					assertThat(ex.errno()).isEqualTo(WxErrno.NETWORK_ERROR);
				}));
	}

	@Test
	void voidCallThrowsTooWhenTheHostIsNotAllowed() {
		run("wx.network.allowed-domains=example.com", (client) -> assertThatExceptionOfType(WxNetworkException.class)
			.isThrownBy(() -> client.delete("1"))
			.satisfies((ex) -> {
				assertThat(ex.errMsg()).isEqualTo("request:fail url not in domain list");
				assertThat(ex.errno()).isEqualTo(WxErrno.URL_NOT_IN_DOMAIN_LIST);
			}));
		assertThat(server.getAllServeEvents()).isEmpty();
	}

	@Test
	void futureFailsWithTheWxNetworkExceptionItself() {
		run("wx.network.allowed-domains=example.com",
				(client) -> assertThat(client.itemLater()).failsWithin(Duration.ofSeconds(10))
					.withThrowableThat()
					.havingCause()
					.isInstanceOf(WxNetworkException.class)
					.withMessageStartingWith("request:fail url not in domain list"));
	}

	@Test
	void uploadOfAMissingFileThrowsFileNotFound() {
		run("wx.network.request.timeout=10s", (client) -> assertThatExceptionOfType(WxNetworkException.class)
			.isThrownBy(() -> client.upload(this.dir.resolve("absent.txt")))
			.extracting(WxNetworkException::errMsg)
			.isEqualTo("uploadFile:fail file not found"));
	}

	@Test
	void downloadOutsideTheUserDataDirFailsItsTask() {
		run("wx.network.user-data-dir=" + this.dir.resolve("user"), (client) -> {
			DownloadTask task = client.download(this.dir.resolve("elsewhere.txt"));
			assertThatExceptionOfType(WxNetworkException.class).isThrownBy(task::join).satisfies((ex) -> {
				assertThat(ex.errMsg()).isEqualTo("downloadFile:fail permission denied");
				assertThat(ex.errno()).isEqualTo(WxErrno.PERMISSION_DENIED);
			});
		});
	}

	@Test
	void serverErrorIsStillASuccessAsInWeChat() {
		run("wx.network.request.timeout=10s", (client) -> {
			RequestSuccess success = client.success();
			assertThat(success.statusCode()).isEqualTo(500);
			assertThat(success.data()).isEqualTo("<html>oops</html>");
		});
	}

	@Test
	void bodyThatCannotBeDecodedFailsWithTheStatusInTheMessage() {
		server.stubFor(get("/item").willReturn(aResponse().withStatus(200).withBody("<html>not json</html>")));
		run("wx.network.request.timeout=10s", (client) -> assertThatExceptionOfType(RestClientException.class)
			.isThrownBy(client::item)
			.withMessageContaining("status 200")
			.withMessageContaining(FailingClient.class.getName() + ".item()"));
	}

	@Test
	void nullPathVariableFailsTheCallBeforeAnyRequest() {
		run("wx.network.request.timeout=10s", (client) -> assertThatIllegalArgumentException()
			.isThrownBy(() -> client.delete(null))
			.withMessageContaining("Missing path variable value 'id'"));
		assertThat(server.getAllServeEvents()).isEmpty();
	}

	private void run(String property, java.util.function.Consumer<FailingClient> body) {
		runner().withInitializer(clients(FailingClient.class))
			.withPropertyValues("failing.url=" + server.baseUrl(), property)
			.run((context) -> body.accept(context.getBean(FailingClient.class)));
	}

}
