package io.github.wxnetwork.sample;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** The relay over real HTTP, against its embedded upstream. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class RelayEndToEndTest {

	@TempDir
	static Path storage;

	@DynamicPropertySource
	static void storage(DynamicPropertyRegistry registry) {
		registry.add("relay.storage-dir", storage::toString);
	}

	@LocalServerPort
	int port;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final JsonMapper mapper = JsonMapper.builder().build();

	private HttpResponse<String> send(String method, String path, String json) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.timeout(Duration.ofSeconds(30));
		request.method(method, (json != null) ? HttpRequest.BodyPublishers.ofString(json) : HttpRequest.BodyPublishers.noBody());
		if (json != null) {
			request.header("Content-Type", "application/json");
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	@Test
	void relaysJsonFetchedThroughTheWxClientInterface() throws Exception {
		HttpResponse<String> response = send("GET", "/relay/items/7", null);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("\"id\":7").contains("\"name\":\"item-7\"").contains("\"tags\":[\"wx\"");
	}

	@Test
	void anItemTheUpstreamDoesNotHaveIsAnsweredByTheClientsFallback() throws Exception {
		HttpResponse<String> response = send("GET", "/relay/items/0", null);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("\"id\":0").contains("\"name\":\"unavailable\"");
		assertThat(send("GET", "/relay/items/0/entity", null).body()).contains("\"status\":503")
			.contains("\"name\":\"unavailable\"");
	}

	@Test
	void resilience4jsEndpointsListTheRetriesAndTheCatalogsCircuitBreaker() throws Exception {
		assertThat(send("GET", "/relay/items/3", null).statusCode()).isEqualTo(200);
		assertThat(send("GET", "/actuator/retries", null).body()).contains("wx-request", "wx-upload", "wx-download",
				"wx-upstream");
		assertThat(send("GET", "/actuator/circuitbreakers", null).body()).contains("\"wx-upstream\"")
			.contains("\"state\":\"CLOSED\"");
	}

	@Test
	void relaysTheUpstreamsStatusAndHeadersThroughAResponseEntity() throws Exception {
		HttpResponse<String> response = send("GET", "/relay/items/5/entity", null);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("\"status\":200")
			.contains("\"contentType\":\"application/json\"")
			.contains("\"name\":\"item-5\"")
			.contains("\"signatureVerified\":\"true\"");
	}

	@Test
	void theUpstreamRefusesACallWithAForgedSignature() throws Exception {
		HttpResponse<String> forged = this.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/upstream/items/5"))
			.header("X-Relay-Timestamp", "1")
			.header("X-Relay-Signature", "00")
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(forged.statusCode()).isEqualTo(401);
	}

	@Test
	void relaysWhatWxRequestHandsBackWithItsProfile() throws Exception {
		HttpResponse<String> response = send("GET", "/relay/items/8/raw", null);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("\"errMsg\":\"request:ok\"")
			.contains("\"statusCode\":200")
			.contains("\"name\":\"item-8\"")
			.contains("\"protocol\":\"http1.1\"")
			.contains("\"peerIP\":\"127.0.0.1\"")
			.containsPattern("\"estimate_nettype\":\"(slow-2g|2g|3g|4g)\"");
	}

	@Test
	void downloadsIntoStorageThenUploadsTheStoredFile() throws Exception {
		HttpResponse<String> downloaded = send("POST", "/relay/downloads?wait=true",
				"[{\"name\":\"d1.bin\",\"size\":250000,\"rate\":0},{\"name\":\"d2.bin\",\"size\":1000,\"rate\":0}]");
		assertThat(downloaded.statusCode()).isEqualTo(200);
		assertThat(downloaded.body()).contains("\"name\":\"d1.bin\"").contains("\"statusCode\":200");
		assertThat(Files.size(storage.resolve("d1.bin"))).isEqualTo(250_000);
		assertThat(Files.size(storage.resolve("d2.bin"))).isEqualTo(1000);
		assertThat(send("GET", "/relay/files", null).body()).contains("\"d1.bin\":250000");
		HttpResponse<String> uploaded = send("POST", "/relay/uploads/d1.bin", null);
		assertThat(uploaded.statusCode()).isEqualTo(200);
		assertThat(uploaded.body()).contains("\\\"bytes\\\":250000").contains("\\\"fileName\\\":\\\"d1.bin\\\"");
	}

	@Test
	void uploadOfAMissingFileReportsWeChatsErrMsg() throws Exception {
		HttpResponse<String> response = send("POST", "/relay/uploads/missing.bin", null);
		assertThat(response.statusCode()).isEqualTo(502);
		assertThat(response.body()).contains("uploadFile:fail file not found");
	}

	@Test
	void abortOfAnUnknownTaskIs404() throws Exception {
		assertThat(send("DELETE", "/relay/tasks/nope", null).statusCode()).isEqualTo(404);
	}

	@Test
	void aRelayedCallIsLookedUpByIdInTheTasksEndpointAfterItEnded() throws Exception {
		assertThat(send("GET", "/relay/items/4711", null).statusCode()).isEqualTo(200);
		// The relay answers once the task has ended, and the task is listed as recent before it is reported ended.
		JsonNode recent = json(send("GET", "/actuator/wxtasks", null)).get("recent");
		List<JsonNode> relayed = new ArrayList<>();
		recent.forEach((task) -> {
			if (task.get("url").asString().endsWith("/upstream/items/4711")) {
				relayed.add(task);
			}
		});
		assertThat(relayed).hasSize(1);
		String id = relayed.get(0).get("id").asString();

		HttpResponse<String> response = send("GET", "/actuator/wxtasks/" + id, null);
		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode task = json(response);
		assertThat(task.get("id").asString()).isEqualTo(id);
		assertThat(task.get("type").asString()).isEqualTo("request");
		assertThat(task.get("method").asString()).isEqualTo("GET");
		assertThat(task.get("state").asString()).isEqualTo("SUCCEEDED");
		assertThat(task.get("statusCode").asInt()).isEqualTo(200);
		assertThat(task.get("errMsg").asString()).isEqualTo("request:ok");
		assertThat(task.get("errno").asInt()).isZero();
		assertThat(task.get("client").asString()).isEqualTo("upstream");
		assertThat(task.get("uri").asString()).isEqualTo("/items/{id}");
		assertThat(task.get("attempt").asInt()).isEqualTo(1);
		assertThat(task.get("endedAt").isNull()).isFalse();
		assertThat(task.get("bytesTransferred").asLong()).isPositive();
	}

	@Test
	void aDownloadsIdFromTheRelayFindsHowItEndedAndAFailureKeepsItsErrMsg() throws Exception {
		// Past wx.network.download.max-file-size (50MB): the download fails with WeChat's errMsg and errno.
		JsonNode started = json(send("POST", "/relay/downloads?wait=true",
				"[{\"name\":\"e2e-ok.bin\",\"size\":2000,\"rate\":0},"
						+ "{\"name\":\"e2e-too-big.bin\",\"size\":60000000,\"rate\":0}]"));
		JsonNode ok = json(send("GET", "/actuator/wxtasks/" + started.get(0).get("id").asString(), null));
		assertThat(ok.get("type").asString()).isEqualTo("download");
		assertThat(ok.get("state").asString()).isEqualTo("SUCCEEDED");
		assertThat(ok.get("errMsg").asString()).isEqualTo("downloadFile:ok");
		assertThat(ok.get("bytesTransferred").asLong()).isEqualTo(2000);
		assertThat(ok.get("url").asString()).endsWith("/upstream/files/e2e-ok.bin?size=***&rate=***");
		assertThat(ok.get("client").isNull()).isTrue();
		JsonNode failed = json(send("GET", "/actuator/wxtasks/" + started.get(1).get("id").asString(), null));
		assertThat(failed.get("state").asString()).isEqualTo("FAILED");
		assertThat(failed.get("errMsg").asString()).isEqualTo("downloadFile:fail exceed max file size");
		assertThat(failed.get("errno").asInt()).isEqualTo(603301);
		assertThat(send("GET", "/actuator/wxtasks/no-such-task", null).statusCode()).isEqualTo(404);
	}

	@Test
	void theTasksTimerIsTaggedWithTheClientAndItsUriTemplate() throws Exception {
		assertThat(send("GET", "/relay/items/4712", null).statusCode()).isEqualTo(200);
		JsonNode timer = json(send("GET", "/actuator/metrics/wx.network.tasks?tag=client:upstream", null));
		assertThat(tagValues(timer, "uri")).contains("/items/{id}").doesNotContain("none");
		assertThat(tagValues(timer, "errno")).contains("0");
		assertThat(timer.get("measurements").get(0).get("statistic").asString()).isEqualTo("COUNT");
		assertThat(timer.get("measurements").get(0).get("value").asDouble()).isGreaterThanOrEqualTo(1);
		JsonNode all = json(send("GET", "/actuator/metrics/wx.network.tasks", null));
		assertThat(tagValues(all, "client")).contains("upstream");
		// application.yml's slo buckets, in seconds, for the dashboard's p99
		JsonNode histogram = json(
				send("GET", "/actuator/metrics/wx.network.tasks.histogram?tag=client:upstream", null));
		assertThat(tagValues(histogram, "le")).contains("0.005", "0.25", "1", "2.5", "5");
	}

	private JsonNode json(HttpResponse<String> response) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return this.mapper.readTree(response.body());
	}

	private static List<String> tagValues(JsonNode metric, String tag) {
		List<String> values = new ArrayList<>();
		metric.get("availableTags").forEach((available) -> {
			if (available.get("tag").asString().equals(tag)) {
				available.get("values").forEach((value) -> values.add(value.asString()));
			}
		});
		return values;
	}

}
