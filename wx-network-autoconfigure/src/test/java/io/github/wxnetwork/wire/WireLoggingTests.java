package io.github.wxnetwork.wire;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.github.wxnetwork.DownloadOptions;
import io.github.wxnetwork.RequestOptions;
import io.github.wxnetwork.UploadOptions;
import io.github.wxnetwork.WxDownloadTemplate;
import io.github.wxnetwork.WxNetworkException;
import io.github.wxnetwork.WxRequestTemplate;
import io.github.wxnetwork.WxUploadTemplate;
import io.github.wxnetwork.autoconfigure.WxClientsAutoConfiguration;
import io.github.wxnetwork.autoconfigure.WxNetworkAutoConfiguration;
import io.github.wxnetwork.client.EnableWxClients;
import io.github.wxnetwork.client.WxClient;
import io.github.wxnetwork.support.WireMockPerClass;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.slf4j.event.KeyValuePair;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.service.annotation.GetExchange;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@code wx.network.logging.*} against a real server, read from the console as an application's log would be:
 * one line per task at basic, headers and text bodies above it, and never a secret of any kind.
 */
@ExtendWith(OutputCaptureExtension.class)
class WireLoggingTests extends WireMockPerClass {

	@TempDir
	Path dir;

	private final ListAppender<ILoggingEvent> events = new ListAppender<>();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, WxNetworkAutoConfiguration.class,
				WxClientsAutoConfiguration.class))
		.withPropertyValues("wx.network.shutdown-grace=1s");

	@WxClient(name = "shop", url = "${test.url}")
	interface Shop {

		@GetExchange("/items/{id}")
		String item(@PathVariable String id);

	}

	@Configuration(proxyBeanMethods = false)
	@EnableWxClients(clients = Shop.class)
	static class Clients {

	}


	@BeforeEach
	void stubAndListen() {
		server.stubFor(any(urlPathEqualTo("/p")).willReturn(aResponse().withHeader("Content-Type", "application/json")
			.withHeader("Set-Cookie", "sid=cookie-from-server")
			.withHeader("X-Served-By", "edge-7")
			.withBody("{\"answer\":42}")));
		server.stubFor(get(urlPathEqualTo("/items/7")).willReturn(aResponse().withBody("item 7")));
		wireLogger().addAppender(this.events);
		this.events.start();
	}

	@AfterEach
	void stopListening() {
		wireLogger().detachAppender(this.events);
	}

	@Test
	void basicTellsOneLinePerTaskWithTheMaskedUrlStatusDurationAndAttempt(CapturedOutput output) {
		this.contextRunner.withPropertyValues("wx.network.logging.level=basic").run((context) -> {
			String id = context.getBean(WxRequestTemplate.class)
				.request(RequestOptions.builder(url("/p?token=query-secret&page=2")).build())
				.toCompletableFuture()
				.thenApply((success) -> "done")
				.get(10, TimeUnit.SECONDS);
			assertThat(id).isEqualTo("done");
			assertThat(output).containsPattern("request GET " + url("/p\\?token=\\*\\*\\*&page=\\*\\*\\*")
					+ " -> 200 in \\d+ ms \\(attempt 1, task [0-9a-f-]+\\)")
				.doesNotContain("query-secret")
				.doesNotContain("X-Served-By", "answer");
			assertThat(this.events.list).hasSize(1);
		});
	}

	@Test
	void basicTellsAFailureWithItsErrMsgAndErrno(CapturedOutput output) {
		server.stubFor(get(urlPathEqualTo("/slow")).willReturn(aResponse().withFixedDelay(2000)));
		this.contextRunner.withPropertyValues("wx.network.logging.level=basic").run((context) -> {
			assertThatExceptionOfType(CompletionException.class)
				.isThrownBy(() -> context.getBean(WxRequestTemplate.class)
					.request(RequestOptions.builder(url("/slow")).timeout(Duration.ofMillis(200)).build())
					.toCompletableFuture()
					.join())
				.withCauseInstanceOf(WxNetworkException.class);
			assertThat(output).containsPattern("request GET " + url("/slow")
					+ " -> - in \\d+ ms \\(attempt 1, task [0-9a-f-]+\\): request:fail timeout \\(errno 5\\)");

			assertThatExceptionOfType(CompletionException.class)
				.isThrownBy(() -> context.getBean(WxRequestTemplate.class)
					.request(RequestOptions.builder("ftp://h/p?key=url-secret").build())
					.toCompletableFuture()
					.join());
			assertThat(output).contains("request:fail invalid url \"ftp://h/p?key=***\" (errno 600009)")
				.doesNotContain("url-secret");
		});
	}

	@Test
	void theLineCarriesTheTaskAsKeyValuePairsForLogShippers() {
		this.contextRunner.withUserConfiguration(Clients.class)
			.withPropertyValues("wx.network.logging.level=basic", "test.url=" + server.baseUrl())
			.run((context) -> {
				assertThat(context.getBean(Shop.class).item("7")).isEqualTo("item 7");
				assertThat(this.events.list).hasSize(1);
				Map<String, Object> pairs = pairs(this.events.list.get(0));
				assertThat(pairs).containsEntry("kind", "request")
					.containsEntry("method", "GET")
					.containsEntry("url", url("/items/7"))
					.containsEntry("status", 200)
					.containsEntry("attempt", 1)
					.containsEntry("client", "shop")
					.containsEntry("uri", "/items/{id}")
					.containsKeys("task.id", "durationMs")
					.doesNotContainKeys("errMsg", "errno");
			});
	}

	@Test
	void aClientsOwnLevelLogsItsCallsWhileTheTemplatesStaySilent(CapturedOutput output) {
		this.contextRunner.withUserConfiguration(Clients.class)
			.withPropertyValues("wx.network.clients.shop.logging.level=headers", "test.url=" + server.baseUrl())
			.run((context) -> {
				context.getBean(WxRequestTemplate.class).request(RequestOptions.builder(url("/p")).build()).join();
				assertThat(this.events.list).as("the templates log nothing at none").isEmpty();
				assertThat(context.getBean(Shop.class).item("7")).isEqualTo("item 7");
				assertThat(output).contains("--> GET " + url("/items/7"), "<-- 200 OK " + url("/items/7"))
					.contains("request GET " + url("/items/7") + " -> 200")
					.doesNotContain(url("/p"));
			});
	}

	@Test
	void aClientsNoneSilencesItWhileTheTemplatesLogAtBasic(CapturedOutput output) {
		this.contextRunner.withUserConfiguration(Clients.class)
			.withPropertyValues("wx.network.logging.level=basic", "wx.network.clients.shop.logging.level=none",
					"test.url=" + server.baseUrl())
			.run((context) -> {
				assertThat(context.getBean(Shop.class).item("7")).isEqualTo("item 7");
				assertThat(this.events.list).isEmpty();
				context.getBean(WxRequestTemplate.class).request(RequestOptions.builder(url("/p")).build()).join();
				assertThat(this.events.list).hasSize(1);
				assertThat(output).contains("request GET " + url("/p") + " -> 200").doesNotContain("/items/7");
			});
	}

	@Test
	void aCallersUrlCannotForgeLogLinesThroughItsErrMsg(CapturedOutput output) {
		this.contextRunner.withPropertyValues("wx.network.logging.level=basic").run((context) -> {
			assertThatExceptionOfType(CompletionException.class)
				.isThrownBy(() -> context.getBean(WxRequestTemplate.class)
					.request(RequestOptions.builder("http://evil\n12:00:00.000 INFO forged/p?k=v").build())
					.toCompletableFuture()
					.join());
			assertThat(output).contains("evil\\n12:00:00.000 INFO forged/p?k=***")
				.doesNotContain("\n12:00:00.000 INFO forged");
		});
	}

	@Test
	void headersAreLoggedWithEverySecretKindMasked(CapturedOutput output) {
		this.contextRunner
			.withPropertyValues("wx.network.logging.level=headers", "wx.network.logging.masked-headers=X-Api-Key")
			.run((context) -> {
				context.getBean(WxRequestTemplate.class)
					.request(RequestOptions.builder(url("/p?sig=query-secret"))
						.headers(Map.of("Authorization", "Bearer auth-secret", "Proxy-Authorization",
								"Basic proxy-secret", "Cookie", "session=cookie-secret", "x-api-key", "key-secret",
								"X-Trace", "trace-visible"))
						.build())
					.join();
				assertThat(output).contains("--> GET " + url("/p?sig=***"), "<-- 200 OK " + url("/p?sig=***"))
					.containsPattern("(?m)^Authorization: \\*\\*\\*$")
					.containsPattern("(?m)^Proxy-Authorization: \\*\\*\\*$")
					.containsPattern("(?m)^Cookie: \\*\\*\\*$")
					.containsPattern("(?mi)^x-api-key: \\*\\*\\*$")
					.containsPattern("(?m)^Set-Cookie: \\*\\*\\*$")
					.contains("X-Trace: trace-visible", "X-Served-By: edge-7")
					.doesNotContain("query-secret", "auth-secret", "proxy-secret", "cookie-secret", "key-secret",
							"cookie-from-server")
					.doesNotContain("answer");
			});
	}

	@Test
	void aRedirectsTargetIsLoggedWithItsQueryValuesMasked(CapturedOutput output) {
		server.stubFor(get(urlPathEqualTo("/moved")).willReturn(aResponse().withStatus(302)
			.withHeader("Location", "/p?signature=location-secret")));
		this.contextRunner.withPropertyValues("wx.network.logging.level=headers").run((context) -> {
			context.getBean(WxRequestTemplate.class).request(RequestOptions.builder(url("/moved")).build()).join();
			assertThat(output).contains("Location: /p?signature=***", "--> GET " + url("/p?signature=***"))
				.doesNotContain("location-secret");
		});
	}

	@Test
	void bodyShowsTextBodiesCappedAndFormValuesMasked(CapturedOutput output) {
		server.stubFor(get(urlPathEqualTo("/long")).willReturn(
				aResponse().withHeader("Content-Type", "text/plain; charset=utf-8").withBody("x".repeat(300) + "END")));
		this.contextRunner.withPropertyValues("wx.network.logging.level=body", "wx.network.logging.max-body=100B")
			.run((context) -> {
				WxRequestTemplate requests = context.getBean(WxRequestTemplate.class);
				requests.request(RequestOptions.builder(url("/p")).method("POST").data(Map.of("name", "Ada")).build())
					.join();
				assertThat(output).contains("{\"name\":\"Ada\"}", "{\"answer\":42}");

				requests.request(RequestOptions.builder(url("/p"))
					.method("POST")
					.header("content-type", "application/x-www-form-urlencoded")
					.data("user=ada&password=form-secret")
					.build()).join();
				assertThat(output).contains("user=***&password=***").doesNotContain("form-secret");

				requests.request(RequestOptions.builder(url("/p")).method("POST").data("y".repeat(250)).build()).join();
				assertThat(output).contains("y".repeat(100) + "\n… (250 bytes, the first 100 shown)");

				requests.request(RequestOptions.builder(url("/long")).build()).join();
				assertThat(output).contains("x".repeat(100) + "\n… (303 bytes, the first 100 shown)")
					.doesNotContain("x".repeat(101))
					.doesNotContain("END");
			});
	}

	@Test
	void aBodyCannotForgeLogLines(CapturedOutput output) {
		server.stubFor(get(urlPathEqualTo("/forge")).willReturn(aResponse().withHeader("Content-Type", "text/plain")
			.withBody("ok\n12:00:00.000 [main] INFO forged line\r")));
		this.contextRunner.withPropertyValues("wx.network.logging.level=body").run((context) -> {
			context.getBean(WxRequestTemplate.class).request(RequestOptions.builder(url("/forge")).build()).join();
			assertThat(output).contains("ok\\n12:00:00.000 [main] INFO forged line\\r")
				.doesNotContain("\n12:00:00.000 [main] INFO forged line");
		});
	}

	@Test
	void aGzipEncodedBodyIsShownDecoded(CapturedOutput output) throws IOException {
		ByteArrayOutputStream gzipped = new ByteArrayOutputStream();
		try (GZIPOutputStream gzip = new GZIPOutputStream(gzipped)) {
			gzip.write("{\"zipped\":\"yes\"}".getBytes(StandardCharsets.UTF_8));
		}
		server.stubFor(get(urlPathEqualTo("/zipped")).willReturn(aResponse().withHeader("Content-Type", "application/json")
			.withHeader("Content-Encoding", "gzip")
			.withBody(gzipped.toByteArray())));
		this.contextRunner.withPropertyValues("wx.network.logging.level=body").run((context) -> {
			Object data = context.getBean(WxRequestTemplate.class)
				.request(RequestOptions.builder(url("/zipped")).build())
				.join()
				.data();
			assertThat(data).isEqualTo(Map.of("zipped", "yes"));
			assertThat(output).contains("{\"zipped\":\"yes\"}", "bytes gzip-encoded)");
		});
	}

	@Test
	void uploadAndDownloadBodiesAreNeverLogged(CapturedOutput output) throws IOException {
		Path file = Files.writeString(this.dir.resolve("photo.txt"), "upload-file-secret");
		server.stubFor(post(urlPathEqualTo("/upload"))
			.willReturn(aResponse().withHeader("Content-Type", "application/json").withBody("{\"stored\":true}")));
		server.stubFor(get(urlPathEqualTo("/file.txt"))
			.willReturn(aResponse().withHeader("Content-Type", "text/plain").withBody("download-file-secret")));
		this.contextRunner.withPropertyValues("wx.network.logging.level=body", "wx.network.temp-dir=" + this.dir)
			.run((context) -> {
				context.getBean(WxUploadTemplate.class)
					.uploadFile(UploadOptions.builder(url("/upload"), file, "file").formData(Map.of("k", "v")).build())
					.join();
				context.getBean(WxDownloadTemplate.class).downloadFile(DownloadOptions.builder(url("/file.txt")).build())
					.join();
				assertThat(output).contains("--> POST " + url("/upload"), "body not logged)", "{\"stored\":true}",
						"<-- 200 OK " + url("/file.txt"))
					.doesNotContain("upload-file-secret", "download-file-secret");
			});
	}

	@Test
	void noneLogsNothingAndTagsNoRequest(CapturedOutput output) {
		this.contextRunner.run((context) -> {
			context.getBean(WxRequestTemplate.class)
				.request(RequestOptions.builder(url("/p")).header("Authorization", "Bearer x").build())
				.join();
			assertThat(this.events.list).isEmpty();
			assertThat(context.getBean(WireLogging.class).defaults()).isNull();
		});
	}

	@Test
	void anOversizedMaxBodyStopsStartUpNamingTheProperty() {
		this.contextRunner.withPropertyValues("wx.network.logging.max-body=2MB").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("wx.network.logging.max-body");
		});
	}

	private static Logger wireLogger() {
		return (Logger) LoggerFactory.getLogger(WireLog.LOGGER_NAME);
	}

	private static Map<String, Object> pairs(ILoggingEvent event) {
		List<KeyValuePair> pairs = event.getKeyValuePairs();
		return pairs.stream().collect(java.util.stream.Collectors.toMap((pair) -> pair.key, (pair) -> pair.value));
	}

	private static String url(String path) {
		return server.baseUrl() + path;
	}

}
