package io.github.wxnetwork.test.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.github.wxnetwork.DownloadOptions;
import io.github.wxnetwork.RequestOptions;
import io.github.wxnetwork.RequestTask;
import io.github.wxnetwork.UploadOptions;
import io.github.wxnetwork.WxDownloadTemplate;
import io.github.wxnetwork.WxRequestTemplate;
import io.github.wxnetwork.WxUploadTemplate;
import io.github.wxnetwork.test.WxClientTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static io.github.wxnetwork.test.WxAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The task assertions, on the slice's own templates and client. */
@WxClientTest(CatalogClient.class)
class WxTaskAssertTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	@Autowired
	WireMockServer server;

	@Autowired
	WxRequestTemplate wx;

	@Autowired
	WxUploadTemplate uploads;

	@Autowired
	WxDownloadTemplate downloads;

	@Autowired
	CatalogClient catalog;

	private String url(String path) {
		return this.server.baseUrl() + path;
	}

	private RequestTask heldRequest(Duration timeout) {
		this.server.stubFor(get("/held").willReturn(ok().withFixedDelay(5_000)));
		return this.wx.request(RequestOptions.builder(url("/held")).timeout(timeout).build());
	}

	@Test
	void aSuccessShowsItsStatusHeaderAndParsedData() {
		this.server.stubFor(
				get("/item").willReturn(okJson("{\"id\":1,\"name\":\"one\"}").withHeader("X-Version", "v1")));

		assertThat(this.wx.request(RequestOptions.builder(url("/item")).build())).succeedsWithin(WAIT)
			.hasStatusCode(200)
			.hasHeader("x-version", "v1")
			.hasData(Map.of("id", 1, "name", "one"));
	}

	@Test
	void aClientsTaskMethodIsAssertedTheSameWay() {
		assertThat(this.catalog.itemTask(404)).succeedsWithin(WAIT).hasStatusCode(404);
	}

	@Test
	void aTimeoutAndAnAbortAreFailuresWithWeChatsErrMsgAndErrno() {
		assertThat(heldRequest(Duration.ofMillis(200))).failsWith("request:fail timeout").hasErrno(5);
		RequestTask aborted = heldRequest(WAIT);
		aborted.abort();
		assertThat(aborted).failsWith("request:fail abort").hasErrno(600003);
	}

	@Test
	void anUploadShowsTheServersTextAndADownloadItsFile(@TempDir Path dir) throws Exception {
		Path photo = Files.writeString(dir.resolve("photo.txt"), "pixels");
		this.server.stubFor(post("/upload").willReturn(ok("stored")));
		this.server.stubFor(get("/file").willReturn(ok("hello")));

		assertThat(this.uploads.uploadFile(UploadOptions.builder(url("/upload"), photo, "file").build()))
			.succeedsWithin(WAIT)
			.hasStatusCode(200)
			.hasData("stored");
		assertThat(this.downloads.downloadFile(DownloadOptions.builder(url("/file")).build())).succeedsWithin(WAIT)
			.hasFileContent("hello");
	}

	@Test
	void expectingAFailureOfATaskThatSucceededFailsTheTestSayingSo() {
		this.server.stubFor(get("/item").willReturn(ok("fine")));
		RequestTask task = this.wx.request(RequestOptions.builder(url("/item")).build());

		assertThatThrownBy(() -> assertThat(task).failsWith("request:fail timeout")).isInstanceOf(AssertionError.class)
			.hasMessageContaining("to fail, but it succeeded");
	}

	@Test
	void expectingASuccessOfATaskThatFailedFailsTheTestWithItsErrMsgAndErrno() {
		RequestTask task = heldRequest(Duration.ofMillis(100));

		assertThatThrownBy(() -> assertThat(task).succeedsWithin(WAIT)).isInstanceOf(AssertionError.class)
			.hasMessageContaining("\"request:fail timeout\" (errno 5)");
	}

	@Test
	void aWrongErrMsgOrErrnoFailsTheTestShowingBoth() {
		RequestTask task = heldRequest(Duration.ofMillis(100));

		assertThatThrownBy(() -> assertThat(task).failsWith("request:fail abort")).isInstanceOf(AssertionError.class)
			.hasMessageContaining("expected errMsg \"request:fail abort\" but was \"request:fail timeout\"");
		assertThatThrownBy(() -> assertThat(task).failsWithin(WAIT).hasErrno(600003))
			.hasMessageContaining("expected errno 600003 but was 5");
	}

	@Test
	void aTaskStillRunningWhenTheWaitEndsFailsTheTestAndIsLeftRunning() {
		RequestTask task = heldRequest(WAIT);

		assertThatThrownBy(() -> assertThat(task).succeedsWithin(Duration.ofMillis(50)))
			.isInstanceOf(AssertionError.class)
			.hasMessageContaining("to end within PT0.05S, but it had not ended (state now RUNNING)");
		task.abort();
		assertThat(task).failsWith("request:fail abort");
	}

	@Test
	void aWrongStatusShowsBoth() {
		this.server.stubFor(get("/item").willReturn(aResponse().withStatus(503)));

		assertThatThrownBy(() -> assertThat(this.wx.request(RequestOptions.builder(url("/item")).build()))
			.succeedsWithin(WAIT)
			.hasStatusCode(200)).hasMessageContaining("expected statusCode 200 but was 503");
	}

}
