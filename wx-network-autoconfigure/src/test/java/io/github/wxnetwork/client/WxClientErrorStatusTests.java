package io.github.wxnetwork.client;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

import io.github.wxnetwork.RequestSuccess;
import io.github.wxnetwork.RequestTask;
import io.github.wxnetwork.WxNetworkException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.HttpServerErrorException;
import org.springframework.web.client.RestClientResponseException;
import org.springframework.web.service.annotation.DeleteExchange;
import org.springframework.web.service.annotation.GetExchange;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.github.wxnetwork.support.TestFiles.filesUnder;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Spring's return types ({@code ResponseEntity}, {@code HttpHeaders}, {@code void}, {@code Optional}) and
 * Spring's error statuses: a method that returns data throws {@code HttpClientErrorException} or
 * {@code HttpServerErrorException} on a status of 400 or more, as a RestClient-backed interface does, while
 * {@code RequestSuccess} and tasks keep WeChat's rule that any status is a success.
 */
class WxClientErrorStatusTests extends WxClientTestSupport {

	private static final String PROBLEM = "{\"code\":\"E42\",\"message\":\"no such item\"}";

	@TempDir
	Path dir;

	/** What the server says when it refuses. */
	record Problem(String code, String message) {
	}

	@WxClient(name = "statuses", url = "${test.url}")
	interface StatusClient {

		@GetExchange("/items/{id}")
		ResponseEntity<Problem> problem(@PathVariable String id);

		@GetExchange("/items/{id}")
		Item item(@PathVariable String id);

		@GetExchange("/items/{id}")
		ResponseEntity<Item> entity(@PathVariable String id);

		@GetExchange("/items/{id}")
		ResponseEntity<Void> bodiless(@PathVariable String id);

		@GetExchange("/items/{id}")
		HttpHeaders headers(@PathVariable String id);

		@DeleteExchange("/items/{id}")
		void delete(@PathVariable String id);

		@GetExchange("/items/{id}")
		Optional<Item> optional(@PathVariable String id);

		@GetExchange("/items/{id}")
		CompletableFuture<Item> itemLater(@PathVariable String id);

		@GetExchange("/items/{id}")
		CompletableFuture<ResponseEntity<Item>> entityLater(@PathVariable String id);

		@DeleteExchange("/items/{id}")
		CompletableFuture<Void> deleteLater(@PathVariable String id);

		@GetExchange("/items/{id}")
		CompletableFuture<HttpHeaders> headersLater(@PathVariable String id);

		@GetExchange("/items/{id}")
		RequestSuccess success(@PathVariable String id);

		@GetExchange("/items/{id}")
		RequestTask task(@PathVariable String id);

		@GetExchange("/files/{name}")
		Path download(@PathVariable String name, @WxFilePath Path target);

		@GetExchange("/files/{name}")
		ResponseEntity<Path> downloadEntity(@PathVariable String name);

		@GetExchange("/files/{name}")
		void fetch(@PathVariable String name, @WxFilePath Path target);

		@GetExchange("/files/{name}")
		Path fetchTo(@PathVariable String name, @WxFilePath Optional<Path> target);

		@GetExchange("/items/{id}")
		Optional<String> text(@PathVariable String id);

	}

	@BeforeEach
	void stub() {
		server.stubFor(get("/items/1").willReturn(aResponse().withHeader("Content-Type", "application/json")
			.withHeader("X-Trace", "t-1")
			.withBody("{\"id\":1,\"name\":\"tea\"}")));
		server.stubFor(get("/items/empty").willReturn(aResponse().withStatus(200)));
		server.stubFor(get("/items/404").willReturn(aResponse().withStatus(404)
			.withHeader("Content-Type", "application/json")
			.withHeader("X-Trace", "t-404")
			.withBody(PROBLEM)));
		server.stubFor(get("/items/500").willReturn(aResponse().withStatus(500).withBody("<html>oops</html>")));
		server.stubFor(delete(urlPathMatching("/items/.*")).willReturn(aResponse().withStatus(204)));
		server.stubFor(delete("/items/503").willReturn(aResponse().withStatus(503).withBody("busy")));
		server.stubFor(get("/files/ok").willReturn(aResponse().withBody("file content")));
		server.stubFor(get("/files/missing").willReturn(aResponse().withStatus(404).withBody("not here")));
	}

	@Test
	void clientErrorIsSpringsHttpClientErrorExceptionWithStatusHeadersAndBody() {
		run((client) -> assertThatExceptionOfType(HttpClientErrorException.NotFound.class)
			.isThrownBy(() -> client.item("404"))
			.satisfies((ex) -> {
				assertThat(ex.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
				assertThat(ex.getStatusText()).isEqualTo("Not Found");
				assertThat(ex.getResponseHeaders().getFirst("X-Trace")).isEqualTo("t-404");
				assertThat(ex.getResponseBodyAsString()).isEqualTo(PROBLEM);
				assertThat(ex.getResponseBodyAs(Map.class)).containsEntry("code", "E42");
				assertThat(ex.getMessage()).startsWith("404 Not Found on GET request for \"" + server.baseUrl()
						+ "/items/404\": ");
			}));
	}

	@Test
	void serverErrorIsSpringsHttpServerErrorException() {
		run((client) -> assertThatExceptionOfType(HttpServerErrorException.InternalServerError.class)
			.isThrownBy(() -> client.item("500"))
			.satisfies((ex) -> assertThat(ex.getResponseBodyAsString()).isEqualTo("<html>oops</html>")));
	}

	@Test
	void everyDataReturningShapeThrowsOnAnErrorStatus() {
		run((client) -> {
			Stream.<Consumer<StatusClient>>of((c) -> c.entity("404"), (c) -> c.bodiless("404"), (c) -> c.headers("404"),
					(c) -> c.optional("404"))
				.forEach((call) -> assertThatExceptionOfType(HttpClientErrorException.NotFound.class)
					.isThrownBy(() -> call.accept(client)));
			assertThatExceptionOfType(HttpServerErrorException.ServiceUnavailable.class)
				.isThrownBy(() -> client.delete("503"));
		});
	}

	@Test
	void futuresCompleteExceptionallyWithTheSameExceptions() {
		run((client) -> {
			Stream.<CompletableFuture<?>>of(client.itemLater("404"), client.entityLater("404"), client.headersLater("404"))
				.forEach((future) -> assertThatExceptionOfType(ExecutionException.class)
					.isThrownBy(() -> future.get(10, TimeUnit.SECONDS))
					.withCauseInstanceOf(HttpClientErrorException.NotFound.class));
			assertThatExceptionOfType(ExecutionException.class)
				.isThrownBy(() -> client.deleteLater("503").get(10, TimeUnit.SECONDS))
				.withCauseInstanceOf(HttpServerErrorException.ServiceUnavailable.class);
		});
	}

	@Test
	void responseEntityCarriesStatusHeadersAndTheDecodedBody() throws Exception {
		run((client) -> {
			ResponseEntity<Item> entity = client.entity("1");
			assertThat(entity.getStatusCode()).isEqualTo(HttpStatus.OK);
			assertThat(entity.getHeaders().getFirst("X-Trace")).isEqualTo("t-1");
			assertThat(entity.getBody()).isEqualTo(new Item(1, "tea"));
			assertThat(client.bodiless("1").getBody()).isNull();
			assertThat(client.headers("1").getFirst("X-Trace")).isEqualTo("t-1");
			client.delete("7");
			assertThat(join(client.entityLater("1")).getBody()).isEqualTo(new Item(1, "tea"));
			assertThat(join(client.headersLater("1")).getContentType()).hasToString("application/json");
			assertThat(join(client.deleteLater("7"))).isNull();
		});
	}

	@Test
	void optionalIsEmptyForAnEmptyBodyAsWithARestClient() {
		run((client) -> {
			assertThat(client.optional("1")).contains(new Item(1, "tea"));
			assertThat(client.optional("empty")).isEmpty();
			assertThat(client.item("empty")).isNull();
		});
	}

	@Test
	void emptyTextIsAnEmptyOptionalAsWithARestClient() {
		run((client) -> {
			assertThat(client.text("empty")).isEmpty();
			assertThat(client.text("1")).contains("{\"id\":1,\"name\":\"tea\"}");
		});
	}

	@Test
	void aDownloadWhoseResultDoesNotNameTheFileLeavesNoTempFileAndAnOptionalTargetIsUsed() throws Exception {
		Path temp = this.dir.resolve("tmp");
		runner().withInitializer(clients(StatusClient.class))
			.withPropertyValues("wx.network.temp-dir=" + temp)
			.run((context) -> {
				StatusClient client = context.getBean(StatusClient.class);
				client.fetch("ok", null);
				Path target = this.dir.resolve("optional.bin");
				assertThat(client.fetchTo("ok", Optional.of(target))).isEqualTo(target);
				assertThat(target).hasContent("file content");
				assertThat(filesUnder(temp)).isEmpty();
			});
	}

	@Test
	void requestSuccessAndTasksKeepWeChatsRuleThatAnyStatusIsASuccess() {
		run((client) -> {
			assertThat(client.success("404").statusCode()).isEqualTo(404);
			assertThat(client.task("500").join().statusCode()).isEqualTo(500);
		});
	}

	@Test
	void throwOnErrorStatusFalseDecodesTheErrorBodyAsData() {
		runner().withInitializer(clients(StatusClient.class))
			.withPropertyValues("wx.network.clients.statuses.throw-on-error-status=false")
			.run((context) -> {
				StatusClient client = context.getBean(StatusClient.class);
				ResponseEntity<Problem> entity = client.problem("404");
				assertThat(entity.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
				assertThat(entity.getBody()).isEqualTo(new Problem("E42", "no such item"));
				client.delete("503");
			});
	}

	@Test
	void downloadWithAnErrorStatusThrowsAndLeavesNoFile() throws Exception {
		Path target = this.dir.resolve("target.bin");
		Path temp = this.dir.resolve("tmp");
		runner().withInitializer(clients(StatusClient.class))
			.withPropertyValues("wx.network.temp-dir=" + temp)
			.run((context) -> {
				StatusClient client = context.getBean(StatusClient.class);
				assertThat(Files.readString(client.download("ok", target))).isEqualTo("file content");
				ResponseEntity<Path> stored = client.downloadEntity("ok");
				assertThat(stored.getBody()).startsWith(temp);
				Files.delete(stored.getBody());
				assertThatExceptionOfType(HttpClientErrorException.NotFound.class)
					.isThrownBy(() -> client.download("missing", this.dir.resolve("missing.bin")))
					.satisfies((ex) -> assertThat(ex.getResponseBodyAsString()).isEqualTo("not here"));
				assertThatExceptionOfType(HttpClientErrorException.NotFound.class)
					.isThrownBy(() -> client.downloadEntity("missing"));
				assertThat(this.dir.resolve("missing.bin")).doesNotExist();
				assertThat(filesUnder(temp)).isEmpty();
			});
	}

	@Test
	void networkFailuresStayWxNetworkExceptions() {
		runner().withInitializer(clients(StatusClient.class))
			.withPropertyValues("test.url=http://127.0.0.1:9")
			.run((context) -> assertThatExceptionOfType(WxNetworkException.class)
				.isThrownBy(() -> context.getBean(StatusClient.class).item("1"))
				.satisfies((ex) -> assertThat(ex).isNotInstanceOf(RestClientResponseException.class)));
	}

	private static <T> T join(CompletableFuture<T> future) throws Exception {
		return future.get(10, TimeUnit.SECONDS);
	}

	private void run(ThrowingConsumer<StatusClient> body) {
		runner().withInitializer(clients(StatusClient.class))
			.run((context) -> body.accept(context.getBean(StatusClient.class)));
	}

	@FunctionalInterface
	interface ThrowingConsumer<T> {

		void accept(T value) throws Exception;

	}

}
