package io.github.wxnetwork.actuate;

import io.github.wxnetwork.WxErrno;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import io.github.wxnetwork.DownloadOptions;
import io.github.wxnetwork.DownloadSuccess;
import io.github.wxnetwork.DownloadTask;
import io.github.wxnetwork.RequestOptions;
import io.github.wxnetwork.RequestSuccess;
import io.github.wxnetwork.RequestTask;
import io.github.wxnetwork.TaskState;
import io.github.wxnetwork.WxDownloadTemplate;
import io.github.wxnetwork.WxMethod;
import io.github.wxnetwork.WxNetworkException;
import io.github.wxnetwork.WxRequestTemplate;
import io.github.wxnetwork.engine.TaskLauncher;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@code /actuator/wxtasks} over real HTTP: a Tomcat on a random port, tasks held RUNNING (or QUEUED
 * behind a limit of 2 per kind) by a latch-controlled server, and what ops see of them.
 */
@SpringBootTest(classes = WxTasksEndpointTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "management.endpoints.web.exposure.include=wxtasks,bulkheads,metrics",
				"wx.network.max-concurrent-tasks=2", "wx.network.shutdown-grace=1s" })
class WxTasksEndpointHttpTest {

	private static final long WAIT = 10;

	@LocalServerPort
	int port;

	@Autowired
	WxRequestTemplate requests;

	@Autowired
	WxDownloadTemplate downloads;

	@Autowired
	TaskLauncher launcher;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(WAIT)).build();

	private HeldServer server;

	@BeforeEach
	void startServer() throws IOException {
		this.server = new HeldServer();
	}

	@AfterEach
	void releaseAndStop() throws InterruptedException {
		this.server.release();
		// The context is shared by the class: no task of this test may be seen by the next one.
		assertThat(this.launcher.registry().awaitEmpty(Duration.ofSeconds(WAIT))).as("every task ended").isTrue();
		this.server.close();
	}

	@Test
	void listShowsRunningAndQueuedTasksAndPerKindCounts() throws Exception {
		RequestTask first = slowRequest();
		RequestTask second = slowRequest();
		assertThat(this.server.awaitArrivals(2)).isTrue();
		RequestTask third = this.requests
			.request(RequestOptions.builder(this.server.url("/slow")).method("post").data("x").build());

		Map<String, Object> body = json(get("/actuator/wxtasks"), 200);

		List<Map<String, Object>> tasks = tasks(body);
		assertThat(tasks).extracting((t) -> t.get("id"))
			.containsExactlyInAnyOrder(first.id(), second.id(), third.id());
		assertThat(task(tasks, first.id())).containsEntry("type", "request")
			.containsEntry("method", "GET")
			.containsEntry("state", "RUNNING")
			.containsEntry("url", this.server.url("/slow"));
		assertThat(task(tasks, second.id())).containsEntry("state", "RUNNING");
		assertThat(task(tasks, third.id())).containsEntry("state", "QUEUED").containsEntry("method", "POST");
		assertThat(third.state()).isEqualTo(TaskState.QUEUED);

		Map<String, Object> kinds = map(body.get("kinds"));
		assertThat(kinds).containsOnlyKeys("request", "upload", "download");
		assertThat(map(kinds.get("request"))).containsEntry("limit", 2)
			.containsEntry("running", 2)
			.containsEntry("queued", 1)
			.as("no cluster count without the cluster limit")
			.doesNotContainKey("clusterRunning");
		assertThat(map(kinds.get("upload"))).containsEntry("limit", 2)
			.containsEntry("running", 0)
			.containsEntry("queued", 0);
		assertThat(map(kinds.get("download"))).containsEntry("limit", 2)
			.containsEntry("running", 0)
			.containsEntry("queued", 0);
	}

	@Test
	void runningTaskShowsStartAndElapsedWhileQueuedTaskHasNoStart() throws Exception {
		Instant before = Instant.now().minusSeconds(1);
		RequestTask running1 = slowRequest();
		RequestTask running2 = slowRequest();
		assertThat(this.server.awaitArrivals(2)).isTrue();
		RequestTask queued = slowRequest();

		Map<String, Object> running = json(get("/actuator/wxtasks/" + running1.id()), 200);
		Instant startedAt = Instant.parse((String) running.get("startedAt"));
		assertThat(startedAt).isBetween(before, Instant.now());
		long elapsed = ((Number) running.get("elapsedMs")).longValue();
		assertThat(elapsed).isBetween(0L, Duration.between(startedAt, Instant.now()).toMillis() + 1000);

		Map<String, Object> waiting = json(get("/actuator/wxtasks/" + queued.id()), 200);
		assertThat(waiting).containsEntry("state", "QUEUED").containsEntry("elapsedMs", 0);
		assertThat(waiting.get("startedAt")).isNull();
		assertThat(running2.state()).isEqualTo(TaskState.RUNNING);
	}

	@Test
	void dribbledDownloadShowsBytesTransferredExpectedAndProgress() throws Exception {
		CountDownLatch firstBytes = new CountDownLatch(1);
		DownloadTask download = this.downloads.downloadFile(DownloadOptions.builder(this.server.url("/dribble"))
			.onProgressUpdate((p) -> {
				if (p.totalBytesWritten() >= HeldServer.DRIBBLE_FIRST) {
					firstBytes.countDown();
				}
			})
			.build());
		assertThat(firstBytes.await(WAIT, TimeUnit.SECONDS)).isTrue();

		Map<String, Object> body = json(get("/actuator/wxtasks"), 200);
		Map<String, Object> shown = task(tasks(body), download.id());
		assertThat(shown).containsEntry("type", "download")
			.containsEntry("method", "GET")
			.containsEntry("state", "RUNNING")
			.containsEntry("bytesTransferred", HeldServer.DRIBBLE_FIRST)
			.containsEntry("bytesExpected", HeldServer.DRIBBLE_TOTAL)
			.containsEntry("progress", 40);
		assertThat(map(map(body.get("kinds")).get("download"))).containsEntry("running", 1);

		this.server.release();
		DownloadSuccess done = download.toCompletableFuture().get(WAIT, TimeUnit.SECONDS);
		assertThat(done.statusCode()).isEqualTo(200);
		assertThat(Files.size(done.tempFilePath())).isEqualTo(HeldServer.DRIBBLE_TOTAL);
		Files.delete(done.tempFilePath());
	}

	@Test
	void urlIsMaskedAndNoSecretOrHeaderAppearsAnywhere() throws Exception {
		String secretUrl = "http://user:pass@127.0.0.1:" + this.server.port() + "/slow?token=secret&x=1";
		RequestTask task = this.requests.request(RequestOptions.builder(secretUrl)
			.header("Authorization", "Bearer auth-credential-xyz")
			.header("X-Api-Key", "key-credential-xyz")
			.build());
		assertThat(this.server.awaitArrivals(1)).isTrue();
		// The server really got the credentials: they exist, and the endpoint must hide them.
		assertThat(this.server.headers.get(0)).containsKey("Authorization");

		String list = get("/actuator/wxtasks").body();
		String one = get("/actuator/wxtasks/" + task.id()).body();
		for (String body : List.of(list, one)) {
			assertThat(body).contains("token=***")
				.doesNotContain("secret", "pass", "user", "auth-credential", "key-credential", "Authorization",
						"X-Api-Key", "Bearer");
		}
		assertThat(json(one)).containsEntry("url",
				"http://***@127.0.0.1:" + this.server.port() + "/slow?token=***&x=***");
	}

	@Test
	void oneTaskIsShownWhileActiveThenAsFinishedWithHowItEnded() throws Exception {
		RequestTask task = slowRequest();
		assertThat(this.server.awaitArrivals(1)).isTrue();

		Map<String, Object> shown = json(get("/actuator/wxtasks/" + task.id()), 200);
		assertThat(shown).containsEntry("id", task.id())
			.containsEntry("type", "request")
			.containsEntry("state", "RUNNING")
			.containsEntry("bytesExpected", -1)
			.containsEntry("progress", 0);

		this.server.release();
		RequestSuccess success = task.toCompletableFuture().get(WAIT, TimeUnit.SECONDS);
		assertThat(success.statusCode()).isEqualTo(200);
		Map<String, Object> finished = json(get("/actuator/wxtasks/" + task.id()), 200);
		assertThat(finished).containsEntry("id", task.id())
			.containsEntry("state", "SUCCEEDED")
			.containsEntry("statusCode", 200)
			.containsEntry("errMsg", "request:ok")
			.containsEntry("errno", 0)
			.containsKeys("startedAt", "endedAt", "elapsedMs", "bytesTransferred");
		assertThat(Instant.parse((String) finished.get("endedAt")))
			.isAfterOrEqualTo(Instant.parse((String) finished.get("startedAt")));
		assertThat(tasks(json(get("/actuator/wxtasks"), 200))).isEmpty();
	}

	@Test
	void deleteAbortsRunningTask() throws Exception {
		RequestTask task = slowRequest();
		assertThat(this.server.awaitArrivals(1)).isTrue();

		HttpResponse<String> deleted = delete("/actuator/wxtasks/" + task.id());
		assertThat(deleted.statusCode()).isEqualTo(204);

		assertThatExceptionOfType(ExecutionException.class)
			.isThrownBy(() -> task.toCompletableFuture().get(WAIT, TimeUnit.SECONDS))
			.havingCause()
			.isInstanceOfSatisfying(WxNetworkException.class, (ex) -> {
				assertThat(ex.errMsg()).isEqualTo("request:fail abort");
				assertThat(ex.errno()).isEqualTo(WxErrno.ABORT);
			});
		assertThat(task.state()).isEqualTo(TaskState.ABORTED);
		assertThat(json(get("/actuator/wxtasks/" + task.id()), 200)).containsEntry("state", "ABORTED")
			.containsEntry("errMsg", "request:fail abort")
			.containsEntry("errno", WxErrno.ABORT);
		assertThat(delete("/actuator/wxtasks/" + task.id()).statusCode()).as("a finished task cannot be aborted")
			.isEqualTo(404);
	}

	@Test
	void deleteAbortsQueuedTaskWhichNeverReachesTheServer() throws Exception {
		RequestTask running1 = slowRequest();
		RequestTask running2 = slowRequest();
		assertThat(this.server.awaitArrivals(2)).isTrue();
		RequestTask queued = slowRequest();
		assertThat(queued.state()).isEqualTo(TaskState.QUEUED);

		assertThat(delete("/actuator/wxtasks/" + queued.id()).statusCode()).isEqualTo(204);
		assertThatExceptionOfType(ExecutionException.class)
			.isThrownBy(() -> queued.toCompletableFuture().get(WAIT, TimeUnit.SECONDS))
			.havingCause()
			.isInstanceOfSatisfying(WxNetworkException.class,
					(ex) -> assertThat(ex.errMsg()).isEqualTo("request:fail abort"));
		assertThat(map(map(json(get("/actuator/wxtasks"), 200).get("kinds")).get("request")))
			.containsEntry("running", 2)
			.containsEntry("queued", 0);

		this.server.release();
		running1.toCompletableFuture().get(WAIT, TimeUnit.SECONDS);
		running2.toCompletableFuture().get(WAIT, TimeUnit.SECONDS);
		assertThat(this.server.hits("/slow")).isEqualTo(2);
	}

	@Test
	void finishedTasksAreListedUnderRecentNewestFirstWithHowTheyEndedAndMaskedUrls() throws Exception {
		RequestTask succeeded = this.requests.request(RequestOptions.builder(this.server.url("/fast?token=secret")).build());
		succeeded.toCompletableFuture().get(WAIT, TimeUnit.SECONDS);
		RequestTask refused = this.requests.request(RequestOptions.builder("ftp://h/p?key=secret").build());
		assertThatExceptionOfType(ExecutionException.class)
			.isThrownBy(() -> refused.toCompletableFuture().get(WAIT, TimeUnit.SECONDS));

		String body = get("/actuator/wxtasks").body();
		assertThat(body).doesNotContain("secret");
		List<Map<String, Object>> recent = recent(json(body));
		assertThat(recent).extracting((t) -> t.get("id")).startsWith(refused.id(), succeeded.id());
		assertThat(recent.get(0)).containsEntry("state", "FAILED")
			.containsEntry("statusCode", 0)
			.containsEntry("errno", WxErrno.INVALID_URL)
			.containsEntry("url", "(invalid url)")
			.containsEntry("startedAt", null)
			.containsEntry("elapsedMs", 0);
		assertThat(recent.get(0)).as("the errMsg quotes the URL, masked")
			.containsEntry("errMsg", "request:fail invalid url \"ftp://h/p?key=***\"");
		assertThat(recent.get(1)).containsEntry("type", "request")
			.containsEntry("method", "GET")
			.containsEntry("url", this.server.url("/fast?token=***"))
			.containsEntry("state", "SUCCEEDED")
			.containsEntry("statusCode", 200)
			.containsEntry("errMsg", "request:ok")
			.containsEntry("errno", 0)
			.containsEntry("bytesTransferred", 2)
			.containsEntry("attempt", 1)
			.containsEntry("client", null);
		assertThat(json(get("/actuator/wxtasks/" + refused.id()), 200)).containsEntry("errno", WxErrno.INVALID_URL);
	}

	@Test
	void unknownTaskIs404ForGetAndDelete() throws Exception {
		assertThat(get("/actuator/wxtasks/no-such-task").statusCode()).isEqualTo(404);
		assertThat(delete("/actuator/wxtasks/no-such-task").statusCode()).isEqualTo(404);
	}

	@Test
	void metricsEndpointShowsRunningGaugeAndTaskTimer() throws Exception {
		RequestTask task = slowRequest();
		assertThat(this.server.awaitArrivals(1)).isTrue();
		assertThat(measurement(json(get("/actuator/metrics/wx.network.tasks.running?tag=kind:request"), 200),
				"VALUE"))
			.isEqualTo(1.0);
		assertThat(measurement(json(get("/actuator/metrics/wx.network.tasks.queued?tag=kind:download"), 200),
				"VALUE"))
			.isEqualTo(0.0);
		this.server.release();
		task.toCompletableFuture().get(WAIT, TimeUnit.SECONDS);

		// OPTIONS is used by this test only: the timer's count is this one task.
		this.requests.request(RequestOptions.builder(this.server.url("/fast")).method(WxMethod.OPTIONS).build())
			.toCompletableFuture()
			.get(WAIT, TimeUnit.SECONDS);
		Map<String, Object> timer = json(get("/actuator/metrics/wx.network.tasks"
				+ "?tag=kind:request&tag=method:OPTIONS&tag=outcome:success&tag=status:200"), 200);
		assertThat(measurement(timer, "COUNT")).isEqualTo(1.0);
		assertThat(measurement(json(get("/actuator/metrics/wx.network.tasks.running?tag=kind:request"), 200),
				"VALUE"))
			.isEqualTo(0.0);
		assertThat(get("/actuator/metrics/wx.network.tasks?tag=url:anything").statusCode())
			.as("no url tag on the timer")
			.isEqualTo(404);
	}

	// --- helpers ---

	private RequestTask slowRequest() {
		return this.requests.request(RequestOptions.builder(this.server.url("/slow")).build());
	}

	private HttpResponse<String> get(String path) throws IOException, InterruptedException {
		return this.http.send(HttpRequest.newBuilder(actuator(path)).timeout(Duration.ofSeconds(WAIT)).GET().build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> delete(String path) throws IOException, InterruptedException {
		return this.http.send(
				HttpRequest.newBuilder(actuator(path)).timeout(Duration.ofSeconds(WAIT)).DELETE().build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private URI actuator(String path) {
		return URI.create("http://localhost:" + this.port + path);
	}

	private static Map<String, Object> json(HttpResponse<String> response, int status) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		return json(response.body());
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> json(String body) {
		return JsonMapper.shared().readValue(body, Map.class);
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> map(Object value) {
		assertThat(value).isInstanceOf(Map.class);
		return (Map<String, Object>) value;
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> tasks(Map<String, Object> body) {
		assertThat(body.get("tasks")).isInstanceOf(List.class);
		return (List<Map<String, Object>>) body.get("tasks");
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> recent(Map<String, Object> body) {
		assertThat(body.get("recent")).isInstanceOf(List.class);
		return (List<Map<String, Object>>) body.get("recent");
	}

	private static Map<String, Object> task(List<Map<String, Object>> tasks, String id) {
		return tasks.stream()
			.filter((t) -> id.equals(t.get("id")))
			.findFirst()
			.orElseThrow(() -> new AssertionError("task " + id + " not listed in " + tasks));
	}

	@SuppressWarnings("unchecked")
	private static double measurement(Map<String, Object> metric, String statistic) {
		List<Map<String, Object>> measurements = (List<Map<String, Object>>) metric.get("measurements");
		return measurements.stream()
			.filter((m) -> statistic.equals(m.get("statistic")))
			.map((m) -> ((Number) m.get("value")).doubleValue())
			.findFirst()
			.orElseThrow(() -> new AssertionError("no " + statistic + " in " + metric));
	}

}
