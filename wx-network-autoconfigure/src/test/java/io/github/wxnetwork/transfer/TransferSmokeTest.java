package io.github.wxnetwork.transfer;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.github.wxnetwork.DownloadOptions;
import io.github.wxnetwork.DownloadProgress;
import io.github.wxnetwork.DownloadSuccess;
import io.github.wxnetwork.UploadOptions;
import io.github.wxnetwork.UploadProgress;
import io.github.wxnetwork.UploadSuccess;
import io.github.wxnetwork.support.WxTestKit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static com.github.tomakehurst.wiremock.client.WireMock.aMultipart;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

class TransferSmokeTest {

	@TempDir
	Path dir;

	private WireMockServer server;

	private WxTestKit kit;

	@BeforeEach
	void start() {
		this.server = new WireMockServer(wireMockConfig().dynamicPort());
		this.server.start();
		this.kit = WxTestKit.builder().tempDir(this.dir.resolve("tmp")).build();
	}

	@AfterEach
	void stop() {
		this.kit.close();
		this.server.stop();
	}

	@Test
	void downloadsToTempFileWithProgress() throws Exception {
		byte[] body = new byte[300_000];
		new java.util.Random(1).nextBytes(body);
		this.server.stubFor(get("/f").willReturn(aResponse().withHeader("Content-Type", "image/png").withHeader("Content-Length", "300000").withBody(body)));
		List<DownloadProgress> progress = new ArrayList<>();
		DownloadSuccess success = this.kit.downloadTemplate()
			.downloadFile(DownloadOptions.builder(this.server.baseUrl() + "/f").onProgressUpdate(progress::add).build())
			.join();
		assertThat(success.filePath()).isNull();
		assertThat(success.tempFilePath().toString()).endsWith(".png");
		assertThat(Files.readAllBytes(success.tempFilePath())).isEqualTo(body);
		assertThat(progress.get(progress.size() - 1)).isEqualTo(new DownloadProgress(100, 300_000, 300_000));
		try (var files = Files.list(this.dir.resolve("tmp"))) {
			assertThat(files).containsExactly(success.tempFilePath());
		}
	}

	@Test
	void uploadsFileWithChineseNameAndFormData() throws Exception {
		Path file = this.dir.resolve("图片.txt");
		Files.writeString(file, "hello 世界");
		this.server.stubFor(post("/u").willReturn(aResponse().withBody("ok")));
		List<UploadProgress> progress = new ArrayList<>();
		UploadSuccess success = this.kit.uploadTemplate()
			.uploadFile(UploadOptions.builder(this.server.baseUrl() + "/u", file, "file")
				.formData(Map.of("user", "张三"))
				.onProgressUpdate(progress::add)
				.build())
			.join();
		assertThat(success.data()).isEqualTo("ok");
		assertThat(success.errMsg()).isEqualTo("uploadFile:ok");
		UploadProgress last = progress.get(progress.size() - 1);
		assertThat(last.progress()).isEqualTo(100);
		assertThat(last.totalBytesSent()).isEqualTo(last.totalBytesExpectedToSend());
		this.server.verify(postRequestedFor(urlEqualTo("/u"))
			.withRequestBodyPart(aMultipart("file").withHeader("Content-Disposition", equalTo("form-data; name=\"file\"; filename=\"图片.txt\""))
				.withBody(equalTo("hello 世界")).build())
			.withRequestBodyPart(aMultipart("user").withBody(equalTo("张三")).build()));
		String raw = new String(this.server.getAllServeEvents().get(0).getRequest().getBody(), StandardCharsets.UTF_8);
		assertThat(raw).contains("filename=\"图片.txt\"");
	}

}
