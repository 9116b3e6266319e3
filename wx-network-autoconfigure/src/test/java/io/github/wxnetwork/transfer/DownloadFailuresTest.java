package io.github.wxnetwork.transfer;

import io.github.wxnetwork.WxErrno;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.github.wxnetwork.support.GatedLimiter;
import com.github.tomakehurst.wiremock.http.Fault;
import io.github.wxnetwork.DownloadOptions;
import io.github.wxnetwork.DownloadProgress;
import io.github.wxnetwork.DownloadSuccess;
import io.github.wxnetwork.DownloadTask;
import io.github.wxnetwork.TaskState;
import io.github.wxnetwork.WxNetworkException;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static org.assertj.core.api.Assertions.assertThat;

/** How wx.downloadFile fails, and that a failed or aborted download leaves nothing partial anywhere. */
class DownloadFailuresTest extends TransferTestBase {

	/** What the fail callback saw on disk (under the test's directory) when it ran. */
	private final List<List<Path>> filesSeenByFail = new CopyOnWriteArrayList<>();

	private DownloadTask download(DownloadOptions.Builder options) {
		return this.kit.downloadTemplate().downloadFile(options.build());
	}

	/** Callbacks that also record, inside fail, which files exist under the test's directory. */
	private DownloadOptions.Builder watched(Callbacks<DownloadSuccess> callbacks, DownloadOptions.Builder options) {
		callbacks.on(options);
		return options.fail((error) -> {
			this.filesSeenByFail.add(filesUnder(this.dir));
			callbacks.failures.incrementAndGet();
			callbacks.errors.add(error);
			callbacks.order.add("fail");
		});
	}

	/** A slow body: {@code chunks} pieces of 1 KiB spread over {@code millis}, with its Content-Length. */
	private void serveSlowly(String path, int chunks, int millis) {
		byte[] body = randomBytes(chunks * 1024, 31);
		this.server.stubFor(get(path).willReturn(aResponse().withHeader("Content-Length", String.valueOf(body.length))
			.withBody(body)
			.withChunkedDribbleDelay(chunks, millis)));
	}

	private static void assertFailure(WxNetworkException failure, String errMsg, int errno) {
		assertThat(failure.errMsg()).isEqualTo(errMsg);
		assertThat(failure.errno()).isEqualTo(errno);
	}

	/** Fails through fail + complete (once) and the future; nothing reached the server or the disk. */
	private WxNetworkException failsBeforeTheNetwork(DownloadOptions.Builder options) throws Exception {
		this.server.stubFor(any(anyUrl()).willReturn(aResponse().withBody("x")));
		Callbacks<DownloadSuccess> callbacks = new Callbacks<>();
		DownloadTask task = download(callbacks.on(options));
		WxNetworkException failure = awaitFailure(task);
		callbacks.assertFailedOnce();
		assertThat(task.state()).isEqualTo(TaskState.FAILED);
		assertThat(received()).as("requests the server got").isEmpty();
		assertThat(filesUnder(this.tempDir)).isEmpty();
		return failure;
	}

	@Test
	void abortMidTransferEndsWithAbortAndLeavesNoTempFile() throws Exception {
		GatedLimiter limiter = new GatedLimiter();
		useKit(kitBuilder().limiter(limiter));
		serveSlowly("/slow", 20, 2_000);
		Callbacks<DownloadSuccess> callbacks = new Callbacks<>();
		List<DownloadProgress> progress = new CopyOnWriteArrayList<>();
		DownloadTask task = download(watched(callbacks, DownloadOptions.builder(url("/slow"))));
		task.onProgressUpdate((event) -> {
			progress.add(event);
			task.abort();
		});
		limiter.open();

		WxNetworkException failure = awaitFailure(task);
		assertFailure(failure, "downloadFile:fail abort", WxErrno.ABORT);
		assertThat(task.state()).isEqualTo(TaskState.ABORTED);
		callbacks.assertFailedOnce();
		assertThat(progress).hasSize(1);
		assertThat(progress.get(0).totalBytesWritten()).isBetween(1L, 20L * 1024 - 1);
		assertThat(this.filesSeenByFail).containsExactly(List.of());
		assertThat(filesUnder(this.dir)).isEmpty();
		assertThat(this.kit.client().connectionPool().idleConnectionCount()).as("the aborted connection is not pooled")
			.isZero();
	}

	@Test
	void abortMidTransferToAFilePathLeavesNeitherPartNorFileAndKeepsAnOlderFile() throws Exception {
		GatedLimiter limiter = new GatedLimiter();
		useKit(kitBuilder().limiter(limiter));
		serveSlowly("/slow", 20, 2_000);
		Path target = Files.createDirectories(this.dir.resolve("out")).resolve("data.bin");
		Files.writeString(target, "the previous version");
		Callbacks<DownloadSuccess> callbacks = new Callbacks<>();
		DownloadTask task = download(watched(callbacks, DownloadOptions.builder(url("/slow")).filePath(target)));
		task.onProgressUpdate((event) -> task.abort());
		limiter.open();

		assertFailure(awaitFailure(task), "downloadFile:fail abort", WxErrno.ABORT);
		assertThat(task.state()).isEqualTo(TaskState.ABORTED);
		callbacks.assertFailedOnce();
		assertThat(this.filesSeenByFail).containsExactly(List.of(target));
		assertThat(filesUnder(this.dir)).containsExactly(target);
		assertThat(target).hasContent("the previous version");
	}

	@Test
	void anAbortDuringTheLastChunkStillEndsWithAbortAndLeavesNothing() throws Exception {
		// The whole body has arrived when the listener aborts at 100%, but the task has not ended: abort wins.
		GatedLimiter limiter = new GatedLimiter();
		useKit(kitBuilder().limiter(limiter));
		this.server.stubFor(get("/f").willReturn(aResponse().withHeader("Content-Length", "3000").withBody(new byte[3000])));
		Path target = this.dir.resolve("out/data.bin");
		Callbacks<DownloadSuccess> callbacks = new Callbacks<>();
		DownloadTask task = download(watched(callbacks, DownloadOptions.builder(url("/f")).filePath(target)));
		task.onProgressUpdate((event) -> {
			if (event.progress() == 100) {
				task.abort();
			}
		});
		limiter.open();

		assertFailure(awaitFailure(task), "downloadFile:fail abort", WxErrno.ABORT);
		assertThat(task.state()).isEqualTo(TaskState.ABORTED);
		callbacks.assertFailedOnce();
		assertThat(this.filesSeenByFail).containsExactly(List.of());
		assertThat(filesUnder(this.dir)).isEmpty();
	}

	@Test
	void cancellingTheFutureAbortsTheDownload() throws Exception {
		serveSlowly("/slow", 20, 2_000);
		List<DownloadProgress> progress = new CopyOnWriteArrayList<>();
		CountDownLatch firstBytes = new CountDownLatch(1);
		Callbacks<DownloadSuccess> callbacks = new Callbacks<>();
		DownloadTask task = download(watched(callbacks, DownloadOptions.builder(url("/slow")).onProgressUpdate((event) -> {
			progress.add(event);
			firstBytes.countDown();
		})));
		assertThat(firstBytes.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
		assertThat(task.toCompletableFuture().cancel(true)).isTrue();
		assertThat(task.toCompletableFuture()).isCancelled();
		// The task itself ends on its own thread once the cancelled call unwinds.
		callbacks.awaitComplete();
		callbacks.assertFailedOnce();
		assertThat(callbacks.errors.get(0).errMsg()).isEqualTo("downloadFile:fail abort");
		assertThat(task.state()).isEqualTo(TaskState.ABORTED);
		assertThat(this.filesSeenByFail).containsExactly(List.of());
		assertThat(filesUnder(this.dir)).isEmpty();
	}

	@Test
	void aTimeoutMidBodyEndsWithTimeoutAndLeavesNothing() throws Exception {
		serveSlowly("/slow", 10, 5_000);
		List<DownloadProgress> progress = new CopyOnWriteArrayList<>();
		Callbacks<DownloadSuccess> callbacks = new Callbacks<>();
		Path target = this.dir.resolve("out/data.bin");
		DownloadTask task = download(watched(callbacks, DownloadOptions.builder(url("/slow"))
			.filePath(target)
			.timeout(Duration.ofMillis(1_200))
			.onProgressUpdate(progress::add)));
		assertFailure(awaitFailure(task), "downloadFile:fail timeout", 5);
		assertThat(task.state()).isEqualTo(TaskState.FAILED);
		callbacks.assertFailedOnce();
		assertThat(progress).as("the timeout hit during the body").isNotEmpty();
		assertThat(progress.get(progress.size() - 1).progress()).isLessThan(100);
		assertThat(this.filesSeenByFail).containsExactly(List.of());
		assertThat(filesUnder(this.dir)).isEmpty();
	}

	@Test
	void aBodyShorterThanItsContentLengthFailsAndLeavesNothing() throws Exception {
		this.server.stubFor(get("/short").willReturn(aResponse().withHeader("Content-Length", "5000").withBody(new byte[1000])));
		Callbacks<DownloadSuccess> callbacks = new Callbacks<>();
		DownloadTask task = download(watched(callbacks, DownloadOptions.builder(url("/short"))));
		WxNetworkException failure = awaitFailure(task);
		assertThat(failure.errno()).isEqualTo(WxErrno.NETWORK_ERROR);
		assertThat(failure.errMsg()).startsWith("downloadFile:fail ").contains("end of stream");
		callbacks.assertFailedOnce();
		assertThat(this.filesSeenByFail).containsExactly(List.of());
		assertThat(filesUnder(this.dir)).isEmpty();
	}

	@Test
	void aMalformedChunkFailsAndLeavesNothing() throws Exception {
		this.server.stubFor(get("/bad").willReturn(aResponse().withFault(Fault.MALFORMED_RESPONSE_CHUNK)));
		Callbacks<DownloadSuccess> callbacks = new Callbacks<>();
		Path target = this.dir.resolve("out/data.bin");
		DownloadTask task = download(watched(callbacks, DownloadOptions.builder(url("/bad")).filePath(target)));
		WxNetworkException failure = awaitFailure(task);
		assertThat(failure.errno()).isEqualTo(WxErrno.NETWORK_ERROR);
		assertThat(failure.errMsg()).startsWith("downloadFile:fail ");
		callbacks.assertFailedOnce();
		assertThat(this.filesSeenByFail).containsExactly(List.of());
		assertThat(filesUnder(this.dir)).isEmpty();
	}

	@Test
	void aConnectionResetFailsWithTheCausesMessage() throws Exception {
		this.server.stubFor(get("/reset").willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
		DownloadTask task = download(DownloadOptions.builder(url("/reset")));
		WxNetworkException failure = awaitFailure(task);
		assertThat(failure.errno()).isEqualTo(WxErrno.NETWORK_ERROR);
		assertThat(failure.errMsg()).startsWith("downloadFile:fail ").hasSizeGreaterThan("downloadFile:fail ".length());
		assertThat(task.state()).isEqualTo(TaskState.FAILED);
		assertThat(filesUnder(this.dir)).isEmpty();
	}

	@Test
	void aFilePathOutsideTheUserDataDirIsPermissionDenied() throws Exception {
		Path root = Files.createDirectories(this.dir.resolve("user-data"));
		useKit(kitBuilder().userDataDir(root));
		Path outside = this.dir.resolve("elsewhere/data.bin");
		assertFailure(failsBeforeTheNetwork(DownloadOptions.builder(url("/f")).filePath(outside)),
				"downloadFile:fail permission denied", WxErrno.PERMISSION_DENIED);
		assertFailure(failsBeforeTheNetwork(DownloadOptions.builder(url("/f")).filePath(root.resolve("../elsewhere/x.bin"))),
				"downloadFile:fail permission denied", WxErrno.PERMISSION_DENIED);
		assertThat(this.dir.resolve("elsewhere")).doesNotExist();
	}

	@Test
	void aLinkedFolderInsideTheUserDataDirCannotLeadOutside() throws Exception {
		Path root = Files.createDirectories(this.dir.resolve("user-data"));
		Path outsideDir = Files.createDirectories(this.dir.resolve("outside"));
		Path linked = Files.createSymbolicLink(root.resolve("looks-inside"), outsideDir);
		useKit(kitBuilder().userDataDir(root));
		assertFailure(failsBeforeTheNetwork(DownloadOptions.builder(url("/f")).filePath(linked.resolve("data.bin"))),
				"downloadFile:fail permission denied", WxErrno.PERMISSION_DENIED);
		assertFailure(failsBeforeTheNetwork(DownloadOptions.builder(url("/f")).filePath(linked.resolve("new/deeper/data.bin"))),
				"downloadFile:fail permission denied", WxErrno.PERMISSION_DENIED);
		assertThat(filesUnder(outsideDir)).isEmpty();
		assertThat(outsideDir.resolve("new")).doesNotExist();
	}

	@Test
	void aFilePathThatIsADirectoryFailsWithAClearMessage() throws Exception {
		Path folder = Files.createDirectories(this.dir.resolve("a-folder"));
		Files.writeString(folder.resolve("keep.txt"), "keep");
		WxNetworkException failure = failsBeforeTheNetwork(DownloadOptions.builder(url("/f")).filePath(folder));
		assertThat(failure.errMsg()).startsWith("downloadFile:fail ").contains(folder.toString()).contains("directory");
		assertThat(folder.resolve("keep.txt")).hasContent("keep");
	}

	@Test
	void aFilePathUnderARegularFileFailsAndLeavesNothing() throws Exception {
		Path notAFolder = Files.writeString(this.dir.resolve("plain.txt"), "I am a file");
		this.server.stubFor(get("/f").willReturn(aResponse().withBody("x")));
		Callbacks<DownloadSuccess> callbacks = new Callbacks<>();
		DownloadTask task = download(watched(callbacks, DownloadOptions.builder(url("/f")).filePath(notAFolder.resolve("x.bin"))));
		WxNetworkException failure = awaitFailure(task);
		assertThat(failure.errMsg()).startsWith("downloadFile:fail invalid filePath").endsWith("is not a directory");
		assertThat(failure.errno()).isZero();
		assertThat(this.server.getAllServeEvents()).as("refused before the request was sent").isEmpty();
		callbacks.assertFailedOnce();
		assertThat(notAFolder).hasContent("I am a file");
		assertThat(filesUnder(this.dir)).containsExactly(notAFolder);
	}

	@Test
	void anInvalidUrlFailsWithTheContractsMessage() throws Exception {
		assertFailure(failsBeforeTheNetwork(DownloadOptions.builder("::nope::")), "downloadFile:fail invalid url \"::nope::\"",
				WxErrno.INVALID_URL);
		WxNetworkException noUrl = failsBeforeTheNetwork(DownloadOptions.builder(null));
		assertThat(noUrl.errMsg()).startsWith("downloadFile:fail invalid url");
		assertThat(noUrl.errno()).isEqualTo(WxErrno.INVALID_URL);
	}

	@Test
	void aRefererHeaderFailsWithInvalidHeader() throws Exception {
		assertFailure(failsBeforeTheNetwork(DownloadOptions.builder(url("/f")).header("referer", "https://a/")),
				"downloadFile:fail invalid header referer", WxErrno.INVALID_HEADER);
		assertFailure(failsBeforeTheNetwork(DownloadOptions.builder(url("/f")).header("Host", "evil.example")),
				"downloadFile:fail invalid header Host", WxErrno.INVALID_HEADER);
	}

	@Test
	void aHostOutsideTheAllowedDomainsFails() throws Exception {
		useKit(kitBuilder().allowedDomains("cdn.example.com"));
		assertFailure(failsBeforeTheNetwork(DownloadOptions.builder(url("/f"))), "downloadFile:fail url not in domain list",
				WxErrno.URL_NOT_IN_DOMAIN_LIST);
	}

	@Test
	void aQueuedDownloadThatIsAbortedNeverTouchesTheNetwork() throws Exception {
		GatedLimiter limiter = new GatedLimiter();
		useKit(kitBuilder().limiter(limiter));
		this.server.stubFor(any(anyUrl()).willReturn(aResponse().withBody("x")));
		Callbacks<DownloadSuccess> callbacks = new Callbacks<>();
		DownloadTask task = download(callbacks.on(DownloadOptions.builder(url("/f"))));
		assertThat(task.state()).isEqualTo(TaskState.QUEUED);
		task.abort();
		assertFailure(awaitFailure(task), "downloadFile:fail abort", WxErrno.ABORT);
		limiter.open();
		callbacks.assertFailedOnce();
		assertThat(task.state()).isEqualTo(TaskState.ABORTED);
		assertThat(received()).isEmpty();
		assertThat(filesUnder(this.dir)).isEmpty();
	}

}
