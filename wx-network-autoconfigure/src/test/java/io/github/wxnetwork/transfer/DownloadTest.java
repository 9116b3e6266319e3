package io.github.wxnetwork.transfer;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import io.github.wxnetwork.DownloadOptions;
import io.github.wxnetwork.DownloadSuccess;
import io.github.wxnetwork.DownloadTask;
import io.github.wxnetwork.HeadersReceived;
import io.github.wxnetwork.WxProfile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/** wx.downloadFile on the wire: what is stored, where, and what the success says. */
class DownloadTest extends TransferTestBase {

	/** 32 lowercase hex digits: 128 random bits. */
	private static final String RANDOM_NAME = "[0-9a-f]{32}";

	private DownloadTask download(DownloadOptions.Builder options) {
		return this.kit.downloadTemplate().downloadFile(options.build());
	}

	private void serve(String path, ResponseDefinitionBuilder response) {
		this.server.stubFor(get(path).willReturn(response));
	}

	@Test
	void withoutFilePathTheBodyGoesToANewUnguessableTempFile() throws Exception {
		byte[] body = randomBytes(100_000, 11);
		serve("/img", aResponse().withHeader("Content-Type", "image/png").withBody(body));
		DownloadSuccess success = await(download(DownloadOptions.builder(url("/img"))));
		assertThat(success.errMsg()).isEqualTo("downloadFile:ok");
		assertThat(success.statusCode()).isEqualTo(200);
		assertThat(success.filePath()).isNull();
		Path temp = success.tempFilePath();
		assertThat(temp).isNotNull();
		assertThat(temp.getParent()).isEqualTo(this.tempDir.toAbsolutePath());
		assertThat(temp.getFileName().toString()).matches(RANDOM_NAME + "\\.png");
		assertThat(Files.readAllBytes(temp)).isEqualTo(body);
		assertThat(filesUnder(this.tempDir)).containsExactly(temp);
	}

	@ParameterizedTest(name = "Content-Type \"{0}\" gives \"{1}\"")
	@CsvSource(value = { "image/jpeg|.jpg", "application/json; charset=utf-8|.json", "TEXT/PLAIN|.txt",
			"video/mp4|.mp4", "application/pdf|.pdf", "application/x-unknown-thing|", "none|" }, delimiter = '|')
	void theTempFileExtensionComesFromTheContentType(String contentType, String extension) throws Exception {
		ResponseDefinitionBuilder response = aResponse().withBody("x");
		if (!"none".equals(contentType)) {
			response.withHeader("Content-Type", contentType);
		}
		serve("/f", response);
		DownloadSuccess success = await(download(DownloadOptions.builder(url("/f"))));
		assertThat(success.tempFilePath().getFileName().toString())
			.matches(RANDOM_NAME + ((extension != null) ? java.util.regex.Pattern.quote(extension) : ""));
	}

	@Test
	void everyDownloadGetsItsOwnTempFile() throws Exception {
		serve("/f", aResponse().withHeader("Content-Type", "text/plain").withBody("same"));
		DownloadSuccess first = await(download(DownloadOptions.builder(url("/f"))));
		DownloadSuccess second = await(download(DownloadOptions.builder(url("/f"))));
		assertThat(first.tempFilePath()).isNotEqualTo(second.tempFilePath());
		assertThat(first.tempFilePath()).hasContent("same");
		assertThat(second.tempFilePath()).hasContent("same");
	}

	@Test
	void aNotFoundReplyIsStillStoredAndSucceedsWithItsStatus() throws Exception {
		serve("/missing", aResponse().withStatus(404).withHeader("Content-Type", "text/html").withBody("<h1>Not Found</h1>"));
		Path target = this.dir.resolve("out/page.html");
		DownloadSuccess toFile = await(download(DownloadOptions.builder(url("/missing")).filePath(target)));
		assertThat(toFile.statusCode()).isEqualTo(404);
		assertThat(toFile.errMsg()).isEqualTo("downloadFile:ok");
		assertThat(target).hasContent("<h1>Not Found</h1>");
		DownloadSuccess toTemp = await(download(DownloadOptions.builder(url("/missing"))));
		assertThat(toTemp.statusCode()).isEqualTo(404);
		assertThat(toTemp.tempFilePath()).hasContent("<h1>Not Found</h1>");
		assertThat(toTemp.tempFilePath().getFileName().toString()).endsWith(".html");
	}

	@Test
	void aServerErrorIsStoredToo() throws Exception {
		serve("/err", aResponse().withStatus(503).withBody("busy"));
		DownloadSuccess success = await(download(DownloadOptions.builder(url("/err"))));
		assertThat(success.statusCode()).isEqualTo(503);
		assertThat(success.tempFilePath()).hasContent("busy");
	}

	@Test
	void aChunkedBodyWithoutContentLengthIsStoredWhole() throws Exception {
		byte[] body = randomBytes(300_000, 12);
		serve("/chunked", aResponse().withBody(body));
		DownloadSuccess success = await(download(DownloadOptions.builder(url("/chunked"))));
		assertThat(success.header()).doesNotContainKey("Content-Length");
		assertThat(success.header().get("transfer-encoding")).isEqualTo("chunked");
		assertThat(Files.readAllBytes(success.tempFilePath())).isEqualTo(body);
	}

	@Test
	void anEmptyBodyGivesAnEmptyFile() throws Exception {
		serve("/empty", aResponse().withStatus(204));
		DownloadSuccess success = await(download(DownloadOptions.builder(url("/empty"))));
		assertThat(success.statusCode()).isEqualTo(204);
		assertThat(success.tempFilePath()).exists().isEmptyFile();
	}

	@Test
	void theSuccessCarriesCaseInsensitiveHeaders() throws Exception {
		serve("/h", aResponse().withHeader("X-Checksum", "abc").withHeader("ETag", "\"v1\"").withBody("x"));
		DownloadSuccess success = await(download(DownloadOptions.builder(url("/h"))));
		assertThat(success.header().get("x-checksum")).isEqualTo("abc");
		assertThat(success.header().get("X-CHECKSUM")).isEqualTo("abc");
		assertThat(success.header().get("etag")).isEqualTo("\"v1\"");
	}

	@Test
	void sendsAGetWithTheCallersHeaders() throws Exception {
		serve("/f?v=2", aResponse().withBody("x"));
		await(download(DownloadOptions.builder(url("/f?v=2")).header("Authorization", "Bearer abc").header("X-App", "mini")));
		this.server.verify(getRequestedFor(urlEqualTo("/f?v=2")).withHeader("Authorization", equalTo("Bearer abc"))
			.withHeader("X-App", equalTo("mini")));
	}

	@Test
	void onHeadersReceivedFiresWithStatusAndHeadersBeforeTheSuccess() throws Exception {
		serve("/f", aResponse().withStatus(206).withHeader("X-Part", "1").withHeader("Set-Cookie", "sid=1").withBody("x"));
		java.util.List<Object> events = new java.util.concurrent.CopyOnWriteArrayList<>();
		DownloadSuccess success = await(download(DownloadOptions.builder(url("/f")).onHeadersReceived(events::add)
			.success(events::add)));
		assertThat(events).hasSize(2);
		assertThat(events.get(0)).isInstanceOf(HeadersReceived.class);
		assertThat(events.get(1)).isSameAs(success);
		HeadersReceived headers = (HeadersReceived) events.get(0);
		assertThat(headers.statusCode()).isEqualTo(206);
		assertThat(headers.header().get("x-part")).isEqualTo("1");
		assertThat(headers.cookies()).as("upload/download report no cookies").isEmpty();
		assertThat(headers.header().get("set-cookie")).isEqualTo("sid=1");
	}

	@Test
	void theProfileDescribesTheConnectionAndTheBytes() throws Exception {
		byte[] body = randomBytes(50_000, 13);
		serve("/p", aResponse().withBody(body));
		long before = System.currentTimeMillis();
		DownloadSuccess success = await(download(DownloadOptions.builder(url("/p"))));
		long after = System.currentTimeMillis();
		WxProfile profile = success.profile();
		assertThat(profile.peerIP()).isEqualTo("127.0.0.1");
		assertThat(profile.port()).isEqualTo(this.server.port());
		assertThat(profile.protocol()).isEqualTo("http1.1");
		assertThat(profile.receivedBytedCount()).isGreaterThanOrEqualTo(body.length);
		assertThat(profile.sendBytesCount()).isPositive();
		assertThat(profile.invokeStart()).isBetween(before, after);
		assertThat(profile.fetchStart()).isBetween(profile.invokeStart(), after);
		assertThat(profile.connectStart()).isBetween(profile.fetchStart(), after);
		assertThat(profile.connectEnd()).isBetween(profile.connectStart(), after);
		assertThat(profile.requestStart()).isBetween(profile.connectEnd(), after);
		assertThat(profile.responseStart()).isBetween(profile.requestStart(), after);
		assertThat(profile.responseEnd()).isBetween(profile.responseStart(), after);
		assertThat(profile.socketReused()).isFalse();
		assertThat(profile.SSLconnectionStart()).as("no TLS on plain http").isZero();
	}

	@Test
	void aGzipEncodedBodyIsStoredDecoded() throws Exception {
		String text = "你好，gzip ".repeat(1_000);
		serve("/gz", aResponse().withHeader("Content-Encoding", "gzip")
			.withHeader("Content-Type", "text/plain; charset=utf-8")
			.withBody(gzip(text.getBytes(StandardCharsets.UTF_8))));
		DownloadSuccess success = await(download(DownloadOptions.builder(url("/gz"))));
		assertThat(Files.readString(success.tempFilePath())).isEqualTo(text);
	}

	static byte[] gzip(byte[] data) throws java.io.IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
			out.write(data);
		}
		return bytes.toByteArray();
	}

}
