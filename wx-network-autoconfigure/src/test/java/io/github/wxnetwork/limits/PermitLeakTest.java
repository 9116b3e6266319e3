package io.github.wxnetwork.limits;

import io.github.wxnetwork.WxErrno;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.github.wxnetwork.DownloadOptions;
import io.github.wxnetwork.DownloadTask;
import io.github.wxnetwork.RequestOptions;
import io.github.wxnetwork.RequestSuccess;
import io.github.wxnetwork.RequestTask;
import io.github.wxnetwork.TaskState;
import io.github.wxnetwork.UploadOptions;
import io.github.wxnetwork.UploadTask;
import io.github.wxnetwork.WxNetworkException;
import io.github.wxnetwork.TaskKind;
import io.github.wxnetwork.support.WxTestKit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * However a task ends, its slot comes back: one slot per kind, so a leaked permit would leave the
 * next task QUEUED forever. Each scenario queues a follow-up behind the task under test while it
 * holds the slot, checks the follow-up runs, and that the bulkheads end with every permit free.
 */
class PermitLeakTest extends LimitsTestBase {

	@TempDir
	Path dir;

	@BeforeEach
	void oneSlotPerKind() {
		useKit(WxTestKit.builder().tempDir(this.dir.resolve("tmp")), 1, Duration.ofSeconds(60));
	}

	@Test
	void afterSuccess() throws Exception {
		RequestTask task = request("/held", 1);
		this.gauge.awaitArrivals(1);
		RequestTask next = followUp();
		this.gauge.open("held");
		success(task);
		assertThat(task.state()).isEqualTo(TaskState.SUCCEEDED);
		assertFollowUpRanAndNothingLeaked(next);
	}

	@Test
	void afterConnectionError() throws Exception {
		RequestTask task = request(RequestOptions.builder("http://127.0.0.1:" + closedPort() + "/x"));
		WxNetworkException failure = awaitFailure(task);
		assertThat(failure.errno()).isEqualTo(WxErrno.NETWORK_ERROR);
		assertThat(failure.errMsg()).startsWith("request:fail ");
		assertThat(task.state()).isEqualTo(TaskState.FAILED);
		assertFollowUpRanAndNothingLeaked(followUp());
	}

	@Test
	void afterAbortWhileRunning() throws Exception {
		RequestTask task = request("/held", 1);
		this.gauge.awaitArrivals(1);
		RequestTask next = followUp();
		assertThat(task.state()).isEqualTo(TaskState.RUNNING);
		task.abort();
		WxNetworkException failure = awaitFailure(task);
		assertThat(failure.errMsg()).isEqualTo("request:fail abort");
		assertThat(failure.errno()).isEqualTo(WxErrno.ABORT);
		assertThat(task.state()).isEqualTo(TaskState.ABORTED);
		assertFollowUpRanAndNothingLeaked(next);
	}

	@Test
	void afterTimeout() throws Exception {
		RequestTask task = request(options("/held", 1).timeout(Duration.ofMillis(300)));
		this.gauge.awaitArrivals(1);
		RequestTask next = followUp();
		WxNetworkException failure = awaitFailure(task);
		assertThat(failure.errMsg()).isEqualTo("request:fail timeout");
		assertThat(failure.errno()).isEqualTo(WxErrno.TIMEOUT);
		assertThat(task.state()).isEqualTo(TaskState.FAILED);
		assertFollowUpRanAndNothingLeaked(next);
	}

	@Test
	void afterValidationFailures() throws Exception {
		RequestTask badUrl = request(RequestOptions.builder("not a url"));
		RequestTask badHeader = request(options("/ok", 1).header("Referer", "https://evil.example"));
		RequestTask badTimeout = request(options("/ok", 2).timeout(Duration.ofMillis(-1)));
		assertThat(awaitFailure(badUrl).errno()).isEqualTo(WxErrno.INVALID_URL);
		assertThat(awaitFailure(badHeader).errno()).isEqualTo(WxErrno.INVALID_HEADER);
		assertThat(awaitFailure(badTimeout).errMsg()).startsWith("request:fail ");
		assertThat(this.gauge.arrivals()).isEmpty();
		assertFollowUpRanAndNothingLeaked(followUp());
	}

	@Test
	void afterCallbacksThatThrow() throws Exception {
		CompletableFuture<Boolean> completeRan = new CompletableFuture<>();
		RequestTask task = request(options("/held", 1).success((res) -> {
			throw new IllegalStateException("user bug in success");
		}).complete(() -> {
			completeRan.complete(true);
			throw new IllegalStateException("user bug in complete");
		}));
		this.gauge.awaitArrivals(1);
		RequestTask next = followUp();
		this.gauge.open("held");
		RequestSuccess result = success(task);
		assertThat(result.data()).isNotNull();
		assertThat(completeRan.get(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();

		RequestTask failing = request(RequestOptions.builder("http://127.0.0.1:" + closedPort() + "/x").fail((err) -> {
			throw new IllegalStateException("user bug in fail");
		}));
		assertThat(awaitFailure(failing).errno()).isEqualTo(WxErrno.NETWORK_ERROR);
		assertFollowUpRanAndNothingLeaked(next);
	}

	@Test
	void afterDownloadAbortWhileRunningAndUploadOfAMissingFile() throws Exception {
		DownloadTask download = this.kit.downloadTemplate()
			.downloadFile(DownloadOptions.builder(url("/held")).header(TASK_HEADER, "1").build());
		this.gauge.awaitArrivals(1);
		DownloadTask queuedDownload = this.kit.downloadTemplate()
			.downloadFile(DownloadOptions.builder(url("/ok")).header(TASK_HEADER, "2").build());
		assertThat(queuedDownload.state()).isEqualTo(TaskState.QUEUED);
		download.abort();
		assertThat(awaitFailure(download).errMsg()).isEqualTo("downloadFile:fail abort");
		assertThat(await(queuedDownload).statusCode()).isEqualTo(200);

		UploadTask missing = this.kit.uploadTemplate()
			.uploadFile(UploadOptions.builder(url("/ok"), this.dir.resolve("missing.txt"), "file").build());
		assertThat(awaitFailure(missing).errMsg()).isEqualTo("uploadFile:fail file not found");
		UploadTask upload = this.kit.uploadTemplate()
			.uploadFile(UploadOptions.builder(url("/ok"), Files.writeString(this.dir.resolve("up.txt"), "x"), "file")
				.build());
		assertThat(await(upload).statusCode()).isEqualTo(200);
		assertFollowUpRanAndNothingLeaked(followUp());
	}

	/** A request queued (or started) behind the task under test. */
	private RequestTask followUp() {
		return request("/ok", 99);
	}

	private void assertFollowUpRanAndNothingLeaked(RequestTask next) throws Exception {
		success(next);
		assertThat(this.gauge.arrivalOrder("/ok")).contains(99);
		assertIdle();
		assertThat(bulkhead(TaskKind.REQUEST).getMetrics().getMaxAllowedConcurrentCalls()).isEqualTo(1);
	}

	private static int closedPort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
