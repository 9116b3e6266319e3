package io.github.wxnetwork.transfer;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.wxnetwork.DownloadOptions;
import io.github.wxnetwork.UploadOptions;
import io.github.wxnetwork.UploadProgress;
import io.github.wxnetwork.UploadSuccess;
import io.github.wxnetwork.UploadTask;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/** wx.uploadFile on the wire: the multipart body, the reply, progress. */
class UploadTest extends TransferTestBase {

	private UploadTask upload(UploadOptions.Builder options) {
		return this.kit.uploadTemplate().uploadFile(options.build());
	}

	@Test
	void postsMultipartWithTheFilePartAndEveryFormFieldAsText() throws Exception {
		byte[] content = randomBytes(10_000, 1);
		Path file = file("photo.png", content);
		this.server.stubFor(post("/upload").willReturn(aResponse().withBody("ok")));
		Map<String, String> form = new LinkedHashMap<>();
		form.put("user", "alice");
		form.put("count", "3");
		await(upload(UploadOptions.builder(url("/upload"), file, "avatar").formData(form)));

		LoggedRequest request = onlyRequest();
		assertThat(request.getMethod().getName()).isEqualTo("POST");
		assertThat(request.getUrl()).isEqualTo("/upload");
		assertThat(request.getHeader("Content-Type")).startsWith("multipart/form-data; boundary=");
		assertThat(request.getParts()).extracting(Request.Part::getName).containsExactlyInAnyOrder("avatar", "user", "count");
		Request.Part filePart = request.getPart("avatar");
		assertThat(filePart.getHeader("Content-Disposition").firstValue())
			.isEqualTo("form-data; name=\"avatar\"; filename=\"photo.png\"");
		assertThat(filePart.getHeader("Content-Type").firstValue()).isEqualTo("image/png");
		assertThat(filePart.getBody().asBytes()).isEqualTo(content);
		assertThat(request.getPart("user").getBody().asString()).isEqualTo("alice");
		assertThat(request.getPart("count").getBody().asString()).isEqualTo("3");
		assertThat(request.getPart("user").getHeader("Content-Disposition").firstValue())
			.isEqualTo("form-data; name=\"user\"");
		// A text part carries no file name.
		assertThat(request.getPart("user").getHeader("Content-Disposition").firstValue()).doesNotContain("filename");
	}

	@ParameterizedTest(name = "{0} is sent as {1}")
	@CsvSource({ "photo.png, image/png", "PHOTO.PNG, image/png", "picture.jpg, image/jpeg", "notes.txt, text/plain",
			"data.xyz123, application/octet-stream", "README, application/octet-stream" })
	void guessesTheContentTypeOfTheFilePartFromTheExtension(String fileName, String contentType) throws Exception {
		Path file = file(fileName, "content".getBytes(StandardCharsets.UTF_8));
		this.server.stubFor(post("/upload").willReturn(aResponse().withBody("ok")));
		await(upload(UploadOptions.builder(url("/upload"), file, "file")));
		Request.Part part = onlyRequest().getPart("file");
		assertThat(part.getHeader("Content-Type").firstValue()).isEqualTo(contentType);
		assertThat(part.getHeader("Content-Disposition").firstValue()).endsWith("filename=\"" + fileName + "\"");
	}

	@Test
	void chineseFileNamesFieldNamesAndValuesArriveAsUtf8() throws Exception {
		Path file = file("年度报告 2024.pdf", "%PDF".getBytes(StandardCharsets.US_ASCII));
		this.server.stubFor(post("/upload").willReturn(aResponse().withBody("ok")));
		Map<String, String> form = new LinkedHashMap<>();
		form.put("备注", "你好，世界");
		form.put("city", "北京");
		await(upload(UploadOptions.builder(url("/upload"), file, "文件").formData(form)));

		byte[] raw = onlyRequest().getBody();
		String body = new String(raw, StandardCharsets.UTF_8);
		assertThat(body).contains("Content-Disposition: form-data; name=\"文件\"; filename=\"年度报告 2024.pdf\"\r\n");
		assertThat(body).contains("Content-Disposition: form-data; name=\"备注\"\r\n");
		assertThat(body).contains("\r\n\r\n你好，世界\r\n");
		assertThat(body).contains("\r\n\r\n北京\r\n");
		// Not percent-encoded, not replaced: the exact UTF-8 bytes are on the wire.
		assertThat(indexOf(raw, "filename=\"年度报告 2024.pdf\"".getBytes(StandardCharsets.UTF_8))).isNotNegative();
		assertThat(body).doesNotContain("%E5").doesNotContain("?");
	}

	@Test
	void progressFollowsTheIntegerPercentageUpToAHundredWithEveryByteCounted() throws Exception {
		Path file = file("big.bin", randomBytes(2 * 1024 * 1024, 2));
		this.server.stubFor(post("/upload").willReturn(aResponse().withBody("ok")));
		List<UploadProgress> progress = new CopyOnWriteArrayList<>();
		await(upload(UploadOptions.builder(url("/upload"), file, "file").onProgressUpdate(progress::add)));

		long contentLength = Long.parseLong(onlyRequest().getHeader("Content-Length"));
		assertThat(contentLength).isGreaterThan(2 * 1024 * 1024);
		assertThat(progress).hasSizeGreaterThan(10).hasSizeLessThanOrEqualTo(101);
		UploadProgress previous = null;
		for (UploadProgress event : progress) {
			assertThat(event.totalBytesExpectedToSend()).isEqualTo(contentLength);
			assertThat(event.progress()).isEqualTo((int) (100 * event.totalBytesSent() / contentLength));
			if (previous != null) {
				assertThat(event.progress()).as("fired only when the percentage changes").isGreaterThan(previous.progress());
				assertThat(event.totalBytesSent()).isGreaterThan(previous.totalBytesSent());
			}
			previous = event;
		}
		assertThat(progress.get(progress.size() - 1)).isEqualTo(new UploadProgress(100, contentLength, contentLength));
	}

	@Test
	void succeedsWithTheReplyAsAStringItsStatusAndCaseInsensitiveHeaders() throws Exception {
		Path file = file("a.txt", "a".getBytes(StandardCharsets.UTF_8));
		this.server.stubFor(post("/upload").willReturn(aResponse().withStatus(201)
			.withHeader("Content-Type", "application/json")
			.withHeader("X-Trace-Id", "abc-123")
			.withBody("{\"id\": 7}")));
		UploadSuccess success = await(upload(UploadOptions.builder(url("/upload"), file, "file")));
		assertThat(success.errMsg()).isEqualTo("uploadFile:ok");
		assertThat(success.statusCode()).isEqualTo(201);
		// data is the reply as text, never parsed (WeChat's uploadFile has no dataType).
		assertThat(success.data()).isEqualTo("{\"id\": 7}");
		assertThat(success.header().get("x-trace-id")).isEqualTo("abc-123");
		assertThat(success.header().get("X-TRACE-ID")).isEqualTo("abc-123");
		assertThat(success.header().get("content-type")).isEqualTo("application/json");
	}

	@Test
	void aServerErrorIsStillASuccessWithThatStatus() throws Exception {
		Path file = file("a.txt", "a".getBytes(StandardCharsets.UTF_8));
		this.server.stubFor(post("/upload").willReturn(aResponse().withStatus(500).withBody("boom")));
		UploadSuccess success = await(upload(UploadOptions.builder(url("/upload"), file, "file")));
		assertThat(success.statusCode()).isEqualTo(500);
		assertThat(success.data()).isEqualTo("boom");
		assertThat(success.errMsg()).isEqualTo("uploadFile:ok");
	}

	@Test
	void theReplyIsDecodedWithItsCharsetAndUtf8WithoutOne() throws Exception {
		Path file = file("a.txt", "a".getBytes(StandardCharsets.UTF_8));
		this.server.stubFor(post("/gbk").willReturn(aResponse().withHeader("Content-Type", "text/plain; charset=GBK")
			.withBody("上传成功".getBytes(Charset.forName("GBK")))));
		this.server.stubFor(post("/utf8").willReturn(aResponse().withBody("上传成功".getBytes(StandardCharsets.UTF_8))));
		assertThat(await(upload(UploadOptions.builder(url("/gbk"), file, "file"))).data()).isEqualTo("上传成功");
		assertThat(await(upload(UploadOptions.builder(url("/utf8"), file, "file"))).data()).isEqualTo("上传成功");
	}

	@Test
	void anEmptyFileIsSentAsAnEmptyPart() throws Exception {
		Path file = file("empty.txt", new byte[0]);
		this.server.stubFor(post("/upload").willReturn(aResponse().withBody("ok")));
		List<UploadProgress> progress = new ArrayList<>();
		UploadSuccess success = await(upload(UploadOptions.builder(url("/upload"), file, "file").onProgressUpdate(progress::add)));
		assertThat(success.statusCode()).isEqualTo(200);
		assertThat(onlyRequest().getPart("file").getBody().asBytes()).isEmpty();
		UploadProgress last = progress.get(progress.size() - 1);
		assertThat(last.progress()).isEqualTo(100);
		assertThat(last.totalBytesSent()).isEqualTo(last.totalBytesExpectedToSend());
	}

	@Test
	void sendsTheCallersHeaders() throws Exception {
		Path file = file("a.txt", "a".getBytes(StandardCharsets.UTF_8));
		this.server.stubFor(any(anyUrl()).willReturn(aResponse().withBody("ok")));
		await(upload(UploadOptions.builder(url("/upload?x=1"), file, "file")
			.header("Authorization", "Bearer t0k3n")
			.header("X-Client", "mini")));
		LoggedRequest request = onlyRequest();
		assertThat(request.getUrl()).isEqualTo("/upload?x=1");
		assertThat(request.getHeader("Authorization")).isEqualTo("Bearer t0k3n");
		assertThat(request.getHeader("X-Client")).isEqualTo("mini");
	}

	@Test
	void aContentTypeHeaderFromTheCallerCannotBreakTheMultipartBody() throws Exception {
		Path file = file("a.txt", "body".getBytes(StandardCharsets.UTF_8));
		this.server.stubFor(post("/upload").willReturn(aResponse().withBody("ok")));
		await(upload(UploadOptions.builder(url("/upload"), file, "file")
			.header("content-type", "application/json")
			.formData(Map.of("k", "v"))));
		LoggedRequest request = onlyRequest();
		assertThat(request.getHeader("Content-Type")).startsWith("multipart/form-data; boundary=");
		assertThat(request.getPart("file").getBody().asString()).isEqualTo("body");
		assertThat(request.getPart("k").getBody().asString()).isEqualTo("v");
	}

	@Test
	void quotesAndLineBreaksInNamesCannotForgePartsOrHeaders() throws Exception {
		Path file = file("evil\".txt", "body".getBytes(StandardCharsets.UTF_8));
		this.server.stubFor(post("/upload").willReturn(aResponse().withBody("ok")));
		Map<String, String> form = new LinkedHashMap<>();
		form.put("field\r\nX-Injected: 1", "value");
		await(upload(UploadOptions.builder(url("/upload"), file, "file").formData(form)));
		LoggedRequest request = onlyRequest();
		assertThat(request.getParts()).hasSize(2);
		String body = new String(request.getBody(), StandardCharsets.UTF_8);
		assertThat(body).doesNotContain("\r\nX-Injected: 1");
		assertThat(body).contains("filename=\"evil%22.txt\"");
		assertThat(request.getPart("file").getBody().asString()).isEqualTo("body");
	}

	@Test
	void aTemporaryRedirectResendsTheFileAndProgressStillOnlyGoesUp() throws Exception {
		byte[] content = randomBytes(512 * 1024, 5);
		Path file = file("redirected.bin", content);
		this.server.stubFor(post("/old").willReturn(aResponse().withStatus(307).withHeader("Location", "/new")));
		this.server.stubFor(post("/new").willReturn(aResponse().withBody("landed")));
		List<UploadProgress> progress = new CopyOnWriteArrayList<>();
		UploadSuccess success = await(upload(UploadOptions.builder(url("/old"), file, "file").onProgressUpdate(progress::add)));
		assertThat(success.data()).isEqualTo("landed");
		assertThat(this.server.findAll(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(urlEqualTo("/new"))))
			.singleElement()
			.satisfies((request) -> assertThat(request.getPart("file").getBody().asBytes()).isEqualTo(content));
		for (int i = 1; i < progress.size(); i++) {
			assertThat(progress.get(i).progress()).as("event %d of %s", i, progress).isGreaterThan(progress.get(i - 1).progress());
		}
		UploadProgress last = progress.get(progress.size() - 1);
		assertThat(last.progress()).isEqualTo(100);
		assertThat(last.totalBytesSent()).isEqualTo(last.totalBytesExpectedToSend());
	}

	@Test
	void aFileInsideTheUserDataDirIsSent() throws Exception {
		Path root = Files.createDirectories(this.dir.resolve("user-data"));
		Path file = Files.writeString(Files.createDirectories(root.resolve("sub")).resolve("ok.txt"), "inside");
		useKit(kitBuilder().userDataDir(root));
		this.server.stubFor(post(urlEqualTo("/upload")).willReturn(aResponse().withBody("ok")));
		UploadSuccess success = await(upload(UploadOptions.builder(url("/upload"), root.resolve("sub/../sub/ok.txt"), "file")));
		assertThat(success.data()).isEqualTo("ok");
		assertThat(onlyRequest().getPart("file").getBody().asString()).isEqualTo("inside");
		assertThat(file).exists();
	}

	private static int indexOf(byte[] haystack, byte[] needle) {
		outer: for (int i = 0; i <= haystack.length - needle.length; i++) {
			for (int j = 0; j < needle.length; j++) {
				if (haystack[i + j] != needle[j]) {
					continue outer;
				}
			}
			return i;
		}
		return -1;
	}

	@Test
	void aDownloadsTempFileCanBeUploadedWithTheUserDataDirSet() throws Exception {
		byte[] content = randomBytes(20_000, 9);
		Path root = Files.createDirectories(this.dir.resolve("user-data"));
		useKit(kitBuilder().userDataDir(root));
		this.server.stubFor(any(urlEqualTo("/avatar.png")).willReturn(aResponse().withHeader("Content-Type", "image/png").withBody(content)));
		this.server.stubFor(post("/upload").willReturn(aResponse().withBody("ok")));
		Path downloaded = await(this.kit.downloadTemplate().downloadFile(DownloadOptions.builder(url("/avatar.png")).build()))
			.tempFilePath();
		assertThat(downloaded.startsWith(root)).as("outside the user data dir").isFalse();
		UploadSuccess success = await(upload(UploadOptions.builder(url("/upload"), downloaded, "file")));
		assertThat(success.data()).isEqualTo("ok");
		LoggedRequest sent = this.server.findAll(postRequestedFor(urlEqualTo("/upload"))).get(0);
		assertThat(sent.getPart("file").getBody().asBytes()).isEqualTo(content);
	}

	@Test
	void anUploadCarriesAProfile() throws Exception {
		Path file = file("profiled.bin", randomBytes(50_000, 4));
		this.server.stubFor(post("/upload").willReturn(aResponse().withBody("ok")));
		UploadSuccess success = await(upload(UploadOptions.builder(url("/upload"), file, "file")));
		assertThat(success.profile()).isNotNull();
		assertThat(success.profile().requestEnd()).isGreaterThanOrEqualTo(success.profile().requestStart());
		assertThat(success.profile().responseStart()).isGreaterThanOrEqualTo(success.profile().requestEnd());
		assertThat(success.profile().sendBytesCount()).isGreaterThan(50_000);
		assertThat(success.profile().port()).isEqualTo(this.server.port());
		assertThat(success.profile().protocol()).isEqualTo("http1.1");
	}

	@Test
	void enableProfileFalseLeavesTheUploadsAndTheDownloadsProfileNull() throws Exception {
		Path file = file("plain.bin", randomBytes(1_000, 5));
		this.server.stubFor(any(anyUrl()).willReturn(aResponse().withBody("ok")));
		assertThat(await(upload(UploadOptions.builder(url("/upload"), file, "file").enableProfile(false))).profile()).isNull();
		assertThat(await(this.kit.downloadTemplate()
			.downloadFile(DownloadOptions.builder(url("/file")).enableProfile(false).build())).profile()).isNull();
	}

}
