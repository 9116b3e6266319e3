package io.github.wxnetwork.client;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.github.wxnetwork.DownloadSuccess;
import io.github.wxnetwork.DownloadTask;
import io.github.wxnetwork.RequestSuccess;
import io.github.wxnetwork.RequestTask;
import io.github.wxnetwork.TaskState;
import io.github.wxnetwork.UploadSuccess;
import io.github.wxnetwork.UploadTask;
import io.github.wxnetwork.engine.TaskLauncher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ContextConsumer;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.service.annotation.DeleteExchange;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.PostExchange;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/** Every return type a client method may declare. */
class WxClientReturnTypeTests extends WxClientTestSupport {

	@TempDir
	Path dir;

	enum Color {

		RED, GREEN

	}

	@WxClient(name = "returns", url = "${test.url}")
	interface ReturnsClient {

		@GetExchange("/item")
		Item item();

		@GetExchange("/items")
		List<Item> items();

		@GetExchange("/item")
		Map<String, Object> itemAsMap();

		@GetExchange("/item")
		String itemText();

		@GetExchange("/bytes")
		byte[] bytes();

		@GetExchange("/count")
		int count();

		@GetExchange("/color")
		Color color();

		@GetExchange("/item")
		RequestSuccess success();

		@GetExchange("/item")
		CompletableFuture<Item> itemLater();

		@GetExchange("/items")
		CompletableFuture<List<Item>> itemsLater();

		@GetExchange("/item")
		CompletableFuture<RequestSuccess> successLater();

		@GetExchange("/item")
		RequestTask task();

		@DeleteExchange("/items/{id}")
		void delete(@PathVariable int id);

		@DeleteExchange("/items/{id}")
		CompletableFuture<Void> deleteLater(@PathVariable int id);

		@GetExchange("/slow")
		CompletableFuture<Item> slowItem();

		@PostExchange("/upload")
		UploadTask uploadTask(@RequestPart("file") Path file);

		@PostExchange("/upload")
		Item uploadDecoded(@RequestPart("file") Path file);

		@PostExchange("/upload")
		CompletableFuture<UploadSuccess> uploadLater(@RequestPart("file") Path file);

		@GetExchange("/file.txt")
		DownloadTask download(@WxFilePath Path target);

		@GetExchange("/file.txt")
		DownloadTask downloadToTemp();

		@GetExchange("/file.txt")
		DownloadSuccess downloadSuccess();

		@GetExchange("/file.txt")
		Path downloadPath(@WxFilePath Path target);

		@GetExchange("/file.txt")
		CompletableFuture<Path> downloadLater();

	}

	@BeforeEach
	void stub() {
		String json = "application/json";
		server.stubFor(get("/item").willReturn(aResponse().withHeader("Content-Type", json).withBody("{\"id\":1,\"name\":\"tea\"}")));
		server.stubFor(get("/items").willReturn(aResponse().withHeader("Content-Type", json)
			.withBody("[{\"id\":1,\"name\":\"tea\"},{\"id\":2,\"name\":\"cup\"}]")));
		server.stubFor(get("/bytes").willReturn(aResponse().withBody(new byte[] { 0, 1, 2, (byte) 0xFF })));
		server.stubFor(get("/count").willReturn(aResponse().withBody("42")));
		server.stubFor(get("/color").willReturn(aResponse().withBody("\"GREEN\"")));
		server.stubFor(delete("/items/5").willReturn(aResponse().withStatus(204)));
		server.stubFor(get("/slow").willReturn(aResponse().withFixedDelay(5_000).withBody("{}")));
		server.stubFor(post("/upload").willReturn(aResponse().withBody("{\"id\":8,\"name\":\"uploaded\"}")));
		server.stubFor(get("/file.txt").willReturn(aResponse().withHeader("Content-Type", "text/plain").withBody("file body")));
	}

	@Test
	void plainTypeIsDecodedData() {
		run((client) -> assertThat(client.item()).isEqualTo(new Item(1, "tea")));
	}

	@Test
	void genericTypeIsDecodedWithItsTypeArguments() {
		run((client) -> assertThat(client.items()).containsExactly(new Item(1, "tea"), new Item(2, "cup")));
	}

	@Test
	void mapIsTheParsedJsonObject() {
		run((client) -> assertThat(client.itemAsMap()).isEqualTo(Map.of("id", 1, "name", "tea")));
	}

	@Test
	void stringIsTheBodyAsItCame() {
		run((client) -> assertThat(client.itemText()).isEqualTo("{\"id\":1,\"name\":\"tea\"}"));
	}

	@Test
	void byteArrayIsTheRawBody() {
		run((client) -> assertThat(client.bytes()).containsExactly(0, 1, 2, 0xFF));
	}

	@Test
	void primitiveAndEnumAreDecodedFromJsonValues() {
		run((client) -> {
			assertThat(client.count()).isEqualTo(42);
			assertThat(client.color()).isEqualTo(Color.GREEN);
		});
	}

	@Test
	void requestSuccessIsTheWholeResult() {
		run((client) -> {
			RequestSuccess success = client.success();
			assertThat(success.statusCode()).isEqualTo(200);
			assertThat(success.errMsg()).isEqualTo("request:ok");
			assertThat(success.data()).isEqualTo(Map.of("id", 1, "name", "tea"));
		});
	}

	@Test
	void completableFutureOfTypeDecodesWhenTheTaskSucceeds() {
		run((client) -> {
			assertThat(client.itemLater()).succeedsWithin(Duration.ofSeconds(10)).isEqualTo(new Item(1, "tea"));
			assertThat(client.itemsLater()).succeedsWithin(Duration.ofSeconds(10)).asList().hasSize(2);
		});
	}

	@Test
	void completableFutureOfRequestSuccess() {
		run((client) -> assertThat(client.successLater()).succeedsWithin(Duration.ofSeconds(10))
			.extracting(RequestSuccess::statusCode)
			.isEqualTo(200));
	}

	@Test
	void requestTaskIsReturnedAtOnceAndCanBeJoined() {
		run((client) -> {
			RequestTask task = client.task();
			assertThat(task.id()).isNotBlank();
			assertThat(task.join().dataAs(Item.class)).isEqualTo(new Item(1, "tea"));
			assertThat(task.state()).isEqualTo(TaskState.SUCCEEDED);
		});
	}

	@Test
	void voidWaitsForTheRequest() {
		run((client) -> client.delete(5));
		server.verify(deleteRequestedFor(urlEqualTo("/items/5")));
	}

	@Test
	void completableFutureOfVoidCompletesWithNull() {
		run((client) -> assertThat(client.deleteLater(5)).succeedsWithin(Duration.ofSeconds(10)).isNull());
	}

	@Test
	void cancellingADerivedFutureAbortsTheTask() {
		runWithContext((context) -> {
			CompletableFuture<Item> future = context.getBean(ReturnsClient.class).slowItem();
			future.cancel(true);
			assertThat(context.getBean(TaskLauncher.class).registry().awaitEmpty(Duration.ofSeconds(3))).isTrue();
			assertThat(future).isCancelled();
		});
	}

	@Test
	void uploadTaskIsReturnedAtOnceAndJoinsToTheReply() throws Exception {
		Path file = Files.writeString(this.dir.resolve("a.txt"), "abc");
		run((client) -> {
			UploadTask task = client.uploadTask(file);
			UploadSuccess success = task.join();
			assertThat(task.state()).isEqualTo(TaskState.SUCCEEDED);
			assertThat(success.data()).isEqualTo("{\"id\":8,\"name\":\"uploaded\"}");
			assertThat(success.errMsg()).isEqualTo("uploadFile:ok");
		});
	}

	@Test
	void uploadReplyIsDecodedIntoAPlainType() throws Exception {
		Path file = Files.writeString(this.dir.resolve("b.txt"), "abc");
		run((client) -> {
			assertThat(client.uploadDecoded(file)).isEqualTo(new Item(8, "uploaded"));
			assertThat(client.uploadLater(file)).succeedsWithin(Duration.ofSeconds(10))
				.extracting(UploadSuccess::statusCode)
				.isEqualTo(200);
		});
	}

	@Test
	void downloadTaskStoresAtTheWxFilePath() throws Exception {
		Path target = this.dir.resolve("out/file.txt");
		Files.createDirectories(target.getParent());
		run((client) -> {
			DownloadSuccess success = client.download(target).join();
			assertThat(success.filePath()).isEqualTo(target);
			assertThat(success.tempFilePath()).isNull();
			assertThat(Files.readString(target)).isEqualTo("file body");
		});
	}

	@Test
	void downloadWithoutTargetGoesToATempFile() {
		run((client) -> {
			DownloadSuccess success = client.downloadToTemp().join();
			assertThat(success.filePath()).isNull();
			assertThat(success.tempFilePath()).startsWith(this.dir.resolve("tmp"));
			assertThat(Files.readString(success.tempFilePath(), StandardCharsets.UTF_8)).isEqualTo("file body");
			assertThat(client.downloadSuccess().errMsg()).isEqualTo("downloadFile:ok");
		});
	}

	@Test
	void pathIsWhereTheDownloadWasStored() throws Exception {
		Path target = this.dir.resolve("p.txt");
		run((client) -> {
			assertThat(client.downloadPath(target)).isEqualTo(target);
			assertThat(client.downloadPath(null)).startsWith(this.dir.resolve("tmp"));
			Path later = client.downloadLater().get();
			assertThat(Files.readString(later)).isEqualTo("file body");
		});
	}

	private void run(ThrowingClientConsumer body) {
		contextRunner().run((context) -> body.accept(context.getBean(ReturnsClient.class)));
	}

	private void runWithContext(ContextConsumer<AssertableApplicationContext> body) {
		contextRunner().run(body);
	}

	private ApplicationContextRunner contextRunner() {
		return runner().withInitializer(clients(ReturnsClient.class))
			.withPropertyValues("wx.network.temp-dir=" + this.dir.resolve("tmp"));
	}

	@FunctionalInterface
	interface ThrowingClientConsumer {

		void accept(ReturnsClient client) throws Exception;

	}

}
