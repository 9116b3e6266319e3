package io.github.wxnetwork.limits;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.wxnetwork.DownloadOptions;
import io.github.wxnetwork.DownloadSuccess;
import io.github.wxnetwork.DownloadTask;
import io.github.wxnetwork.RequestSuccess;
import io.github.wxnetwork.RequestTask;
import io.github.wxnetwork.TaskKind;
import io.github.wxnetwork.TaskState;
import io.github.wxnetwork.TaskView;
import io.github.wxnetwork.UploadOptions;
import io.github.wxnetwork.UploadSuccess;
import io.github.wxnetwork.UploadTask;
import io.github.wxnetwork.WxProfile;
import io.github.wxnetwork.support.WxTestKit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The per-kind limit: how many tasks run at once (measured at the server), the FIFO order of the
 * rest, the QUEUED and RUNNING states, and the independence of the three kinds.
 */
class ConcurrencyLimitTest extends LimitsTestBase {

	@TempDir
	Path dir;

	@Test
	void twentyFiveSlowRequestsNeverRunMoreThanTenAtOnceAllSucceedAndStartInOrder() throws Exception {
		useKit(10, Duration.ofSeconds(60));
		List<RequestTask> tasks = new ArrayList<>();
		for (int i = 1; i <= 25; i++) {
			tasks.add(request("/slow", i));
		}
		Map<Integer, WxProfile> profiles = new HashMap<>();
		for (int i = 1; i <= 25; i++) {
			RequestSuccess success = success(tasks.get(i - 1));
			assertThat(success.data()).isEqualTo(Map.of("ok", true));
			profiles.put(i, success.profile());
		}

		// At the server: never more than ten inside at once, and ten did run together.
		assertThat(this.gauge.max()).as("most requests inside the server at once").isEqualTo(10);
		List<Integer> order = this.gauge.arrivalOrder("/slow");
		assertThat(order).as("each task reached the server once").containsExactlyInAnyOrderElementsOf(range(1, 25));
		// The first ten start at once (their arrival may interleave); nobody queued overtakes them.
		assertThat(order.subList(0, 10)).containsExactlyInAnyOrderElementsOf(range(1, 10));
		// Queued tasks start in submission order by waves (exact order is checked with one slot below;
		// with ten, two slots freed at the same moment start on different threads and may reach the
		// server in either order, so arrival times are no evidence here).
		// The three waves: 11..20 only after a first-wave task ended, 21..25 only after a second-wave one.
		assertThat(order.subList(10, 20)).containsExactlyInAnyOrderElementsOf(range(11, 20));
		assertThat(order.subList(20, 25)).containsExactlyInAnyOrderElementsOf(range(21, 25));
		// profile: the queued ones waited, each left the queue no earlier than the first of the first wave ended.
		long firstEnd = IntStream.rangeClosed(1, 10).mapToLong((i) -> profiles.get(i).responseEnd()).min().orElseThrow();
		for (int i = 11; i <= 25; i++) {
			WxProfile profile = profiles.get(i);
			assertThat(profile.queueEnd()).as("task %d left the queue after waiting", i)
				.isGreaterThan(profile.queueStart())
				.isGreaterThanOrEqualTo(firstEnd);
		}
		assertIdle();
	}

	@Test
	void queuedTasksStartInExactSubmissionOrderOneSlot() throws Exception {
		useKit(1, Duration.ofSeconds(60));
		RequestTask holder = request("/held", 0);
		this.gauge.awaitArrivals(1);
		List<RequestTask> queued = new ArrayList<>();
		for (int i = 1; i <= 8; i++) {
			queued.add(request("/ok", i));
		}
		assertThat(queued).allSatisfy((task) -> assertThat(task.state()).isEqualTo(TaskState.QUEUED));
		assertThat(limiter().queued(TaskKind.REQUEST)).isEqualTo(8);

		this.gauge.open("held");
		success(holder);
		for (RequestTask task : queued) {
			success(task);
		}
		// One slot: each starts only after the one before it ended, so the order is exact.
		assertThat(this.gauge.arrivalOrder("/ok")).containsExactlyElementsOf(range(1, 8));
		assertThat(this.gauge.max()).isEqualTo(1);
		assertIdle();
	}

	@Test
	void eleventhTaskIsQueuedWithoutBlockingTheCallerThenRunsWhenASlotFrees() throws Exception {
		useKit(10, Duration.ofSeconds(60));
		List<RequestTask> running = new ArrayList<>();
		for (int i = 1; i <= 10; i++) {
			running.add(request("/held", i));
		}
		this.gauge.awaitArrivals(10);
		assertThat(running).allSatisfy((task) -> assertThat(task.state()).isEqualTo(TaskState.RUNNING));
		assertThat(limiter().running(TaskKind.REQUEST)).isEqualTo(10);

		// The caller gets its task back at once although no slot is free (a blocked call would time out here).
		RequestTask eleventh = CompletableFuture.supplyAsync(() -> request("/held2", 11)).get(5, TimeUnit.SECONDS);
		assertThat(eleventh.state()).isEqualTo(TaskState.QUEUED);
		assertThat(eleventh.toCompletableFuture()).isNotDone();
		assertThat(limiter().queued(TaskKind.REQUEST)).isEqualTo(1);
		assertThat(limiter().running(TaskKind.REQUEST)).isEqualTo(10);
		assertThat(this.kit.registry().active()).extracting(TaskView::id).contains(eleventh.id());
		assertThat(this.gauge.arrivalOrder("/held2")).as("the queued task has not reached the server").isEmpty();

		this.gauge.open("held");
		for (RequestTask task : running) {
			success(task);
		}
		this.gauge.awaitArrivals(1);
		// It holds a slot now, and is still inside the server (held on the second gate).
		assertThat(eleventh.state()).isEqualTo(TaskState.RUNNING);
		assertThat(limiter().running(TaskKind.REQUEST)).isEqualTo(1);
		assertThat(limiter().queued(TaskKind.REQUEST)).isZero();
		assertThat(this.gauge.arrivalOrder("/held2")).containsExactly(11);

		this.gauge.open("held2");
		success(eleventh);
		assertThat(eleventh.state()).isEqualTo(TaskState.SUCCEEDED);
		assertIdle();
	}

	@Test
	void theThreeKindsHaveSeparateLimits() throws Exception {
		useKit(WxTestKit.builder().tempDir(this.dir.resolve("tmp")), 10, Duration.ofSeconds(60));
		List<RequestTask> requests = new ArrayList<>();
		for (int i = 1; i <= 10; i++) {
			requests.add(request("/held", i));
		}
		this.gauge.awaitArrivals(10);
		RequestTask queuedRequest = request("/ok", 11);
		assertThat(queuedRequest.state()).isEqualTo(TaskState.QUEUED);

		// Ten running requests leave every download and upload slot free.
		DownloadTask download = this.kit.downloadTemplate()
			.downloadFile(DownloadOptions.builder(url("/ok")).header(TASK_HEADER, "101").build());
		Path source = Files.writeString(this.dir.resolve("up.txt"), "hello");
		UploadTask upload = this.kit.uploadTemplate()
			.uploadFile(UploadOptions.builder(url("/ok"), source, "file").header(TASK_HEADER, "201").build());
		DownloadSuccess downloaded = await(download);
		UploadSuccess uploaded = await(upload);
		assertThat(downloaded.statusCode()).isEqualTo(200);
		assertThat(Files.readString(downloaded.tempFilePath())).isEqualTo("{\"ok\":true}");
		assertThat(uploaded.statusCode()).isEqualTo(200);
		// ... while the requests still hold all ten request slots.
		assertThat(requests).allSatisfy((task) -> assertThat(task.state()).isEqualTo(TaskState.RUNNING));
		assertThat(queuedRequest.state()).isEqualTo(TaskState.QUEUED);
		assertThat(limiter().running(TaskKind.REQUEST)).isEqualTo(10);
		assertThat(limiter().running(TaskKind.DOWNLOAD)).isZero();
		assertThat(limiter().running(TaskKind.UPLOAD)).isZero();
		assertThat(this.gauge.arrivalOrder("/ok")).containsExactlyInAnyOrder(101, 201);

		this.gauge.open("held");
		for (RequestTask task : requests) {
			success(task);
		}
		success(queuedRequest);
		assertIdle();
	}

	@Test
	void eachKindTakesItsLimitFromItsOwnBulkheadInTheRegistry() throws Exception {
		BulkheadRegistry registry = BulkheadRegistry.ofDefaults();
		// As resilience4j.bulkhead.instances.wx-download.max-concurrent-calls=2 would: configured first, wins.
		registry.bulkhead("wx-download", BulkheadConfig.custom().maxConcurrentCalls(2).build());
		useKit(registry, WxTestKit.builder().tempDir(this.dir.resolve("tmp")), 5, Duration.ofSeconds(60));
		assertThat(limiter().limit(TaskKind.REQUEST)).isEqualTo(5);
		assertThat(limiter().limit(TaskKind.UPLOAD)).isEqualTo(5);
		assertThat(limiter().limit(TaskKind.DOWNLOAD)).isEqualTo(2);
		assertThat(registry.getAllBulkheads()).extracting((b) -> b.getName())
			.containsExactlyInAnyOrder("wx-request", "wx-upload", "wx-download");

		List<DownloadTask> downloads = new ArrayList<>();
		for (int i = 1; i <= 3; i++) {
			downloads.add(this.kit.downloadTemplate()
				.downloadFile(DownloadOptions.builder(url("/held")).header(TASK_HEADER, Integer.toString(i)).build()));
		}
		this.gauge.awaitArrivals(2);
		assertThat(downloads.get(2).state()).isEqualTo(TaskState.QUEUED);
		assertThat(limiter().running(TaskKind.DOWNLOAD)).isEqualTo(2);
		assertThat(limiter().queued(TaskKind.DOWNLOAD)).isEqualTo(1);
		assertThat(this.gauge.current()).isEqualTo(2);

		this.gauge.open("held");
		for (DownloadTask download : downloads) {
			assertThat(await(download).statusCode()).isEqualTo(200);
		}
		assertThat(this.gauge.max()).isEqualTo(2);
		assertIdle();
	}

	/**
	 * A bulkhead configured with its own wait ({@code resilience4j.bulkhead.instances.wx-request.max-wait-duration})
	 * must not make the caller wait: the queue is the only waiting room.
	 */
	@Test
	void aBulkheadConfiguredWithAWaitStillNeverBlocksTheCaller() throws Exception {
		BulkheadRegistry registry = BulkheadRegistry.ofDefaults();
		registry.bulkhead("wx-request",
				BulkheadConfig.custom().maxConcurrentCalls(1).maxWaitDuration(Duration.ofSeconds(30)).build());
		useKit(registry, WxTestKit.builder(), 10, Duration.ofSeconds(60));
		assertThat(limiter().limit(TaskKind.REQUEST)).isEqualTo(1);
		RequestTask holder = request("/held", 1);
		this.gauge.awaitArrivals(1);

		RequestTask second = CompletableFuture.supplyAsync(() -> request("/ok", 2)).get(5, TimeUnit.SECONDS);
		assertThat(second.state()).isEqualTo(TaskState.QUEUED);

		// The registry shows the bulkhead that is used: same limit, no wait of its own.
		assertThat(registry.bulkhead("wx-request").getBulkheadConfig().getMaxWaitDuration()).isZero();
		assertThat(registry.bulkhead("wx-request").getMetrics().getAvailableConcurrentCalls()).isZero();

		this.gauge.open("held");
		success(holder);
		success(second);
		assertIdle();
	}

	private static List<Integer> range(int from, int to) {
		return IntStream.rangeClosed(from, to).boxed().toList();
	}

}
