package io.github.wxnetwork.transfer;

import io.github.wxnetwork.WxErrno;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.wxnetwork.TaskState;
import io.github.wxnetwork.UploadOptions;
import io.github.wxnetwork.UploadProgress;
import io.github.wxnetwork.UploadSuccess;
import io.github.wxnetwork.UploadTask;
import io.github.wxnetwork.WxNetworkException;
import io.github.wxnetwork.support.GatedLimiter;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** How wx.uploadFile fails: bad sources, confinement, bad options, abort, timeout, the network. */
class UploadFailuresTest extends TransferTestBase {

	private UploadTask upload(UploadOptions.Builder options) {
		this.server.stubFor(any(anyUrl()).willReturn(aResponse().withBody("ok")));
		return this.kit.uploadTemplate().uploadFile(options.build());
	}

	/** Fails through the callbacks (once) and the future, and nothing reached the server. */
	private WxNetworkException failsBeforeTheNetwork(UploadOptions.Builder options) throws Exception {
		Callbacks<UploadSuccess> callbacks = new Callbacks<>();
		UploadTask task = upload(callbacks.on(options));
		WxNetworkException failure = awaitFailure(task);
		callbacks.assertFailedOnce();
		assertThat(callbacks.errors).containsExactly(failure);
		assertThat(task.state()).isEqualTo(TaskState.FAILED);
		assertThat(received()).as("requests the server got").isEmpty();
		return failure;
	}

	private static void assertFailure(WxNetworkException failure, String errMsg, int errno) {
		assertThat(failure.errMsg()).isEqualTo(errMsg);
		assertThat(failure.errno()).isEqualTo(errno);
	}

	@Test
	void aMissingFileIsFileNotFound() throws Exception {
		WxNetworkException failure = failsBeforeTheNetwork(
				UploadOptions.builder(url("/upload"), this.dir.resolve("no-such-file.txt"), "file"));
		assertFailure(failure, "uploadFile:fail file not found", 0);
	}

	@Test
	void aDirectoryIsFileNotFound() throws Exception {
		Path directory = Files.createDirectories(this.dir.resolve("a-directory"));
		assertFailure(failsBeforeTheNetwork(UploadOptions.builder(url("/upload"), directory, "file")),
				"uploadFile:fail file not found", 0);
	}

	@Test
	void aDanglingSymbolicLinkIsFileNotFound() throws Exception {
		Path link = this.dir.resolve("dangling.txt");
		Files.createSymbolicLink(link, this.dir.resolve("gone.txt"));
		assertFailure(failsBeforeTheNetwork(UploadOptions.builder(url("/upload"), link, "file")),
				"uploadFile:fail file not found", 0);
	}

	@Test
	void noFilePathIsFileNotFound() throws Exception {
		assertFailure(failsBeforeTheNetwork(UploadOptions.builder(url("/upload"), null, "file")),
				"uploadFile:fail file not found", 0);
	}

	@Test
	void anUnreadableFileIsFileNotFound() throws Exception {
		Path file = file("secret.txt", "secret".getBytes(StandardCharsets.UTF_8));
		assumeTrue(Files.getFileStore(file).supportsFileAttributeView("posix"), "needs POSIX permissions");
		Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));
		assumeFalse(Files.isReadable(file), "the test runs as a user who can read anything (root)");
		assertFailure(failsBeforeTheNetwork(UploadOptions.builder(url("/upload"), file, "file")),
				"uploadFile:fail file not found", 0);
	}

	@Test
	void aFileRemovedWhileTheTaskWaitsInTheQueueIsFileNotFound() throws Exception {
		GatedLimiter limiter = new GatedLimiter();
		useKit(kitBuilder().limiter(limiter));
		Path file = file("short-lived.txt", "soon gone".getBytes(StandardCharsets.UTF_8));
		Callbacks<UploadSuccess> callbacks = new Callbacks<>();
		UploadTask task = upload(callbacks.on(UploadOptions.builder(url("/upload"), file, "file")));
		assertThat(task.state()).isEqualTo(TaskState.QUEUED);
		Files.delete(file);
		limiter.open();
		assertFailure(awaitFailure(task), "uploadFile:fail file not found", 0);
		callbacks.assertFailedOnce();
		assertThat(task.state()).isEqualTo(TaskState.FAILED);
	}

	@Test
	void aFileOutsideTheUserDataDirIsPermissionDenied() throws Exception {
		Path root = Files.createDirectories(this.dir.resolve("user-data"));
		Path outside = file("outside.txt", "x".getBytes(StandardCharsets.UTF_8));
		useKit(kitBuilder().userDataDir(root));
		assertFailure(failsBeforeTheNetwork(UploadOptions.builder(url("/upload"), outside, "file")),
				"uploadFile:fail permission denied", WxErrno.PERMISSION_DENIED);
	}

	@Test
	void theTempDirIsReadableOnlyForItsOwnFilesNotTheHttpCacheOrALinkOut() throws Exception {
		Path root = Files.createDirectories(this.dir.resolve("user-data"));
		Path cached = Files.write(Files.createDirectories(this.tempDir.resolve("http-cache")).resolve("entry.1"),
				"someone else's response".getBytes(StandardCharsets.UTF_8));
		Path outside = file("outside.txt", "x".getBytes(StandardCharsets.UTF_8));
		Path link = Files.createSymbolicLink(this.tempDir.resolve("link.txt"), outside);
		useKit(kitBuilder().userDataDir(root));
		assertFailure(failsBeforeTheNetwork(UploadOptions.builder(url("/upload"), cached, "file")),
				"uploadFile:fail permission denied", WxErrno.PERMISSION_DENIED);
		assertFailure(failsBeforeTheNetwork(UploadOptions.builder(url("/upload"), link, "file")),
				"uploadFile:fail permission denied", WxErrno.PERMISSION_DENIED);
		assertFailure(failsBeforeTheNetwork(UploadOptions.builder(url("/upload"), this.tempDir.resolve("gone.bin"), "file")),
				"uploadFile:fail file not found", 0);
	}

	@Test
	void dotDotCannotLeaveTheUserDataDir() throws Exception {
		Path root = Files.createDirectories(this.dir.resolve("user-data"));
		file("outside.txt", "x".getBytes(StandardCharsets.UTF_8));
		useKit(kitBuilder().userDataDir(root));
		Path sneaky = root.resolve("../files/outside.txt");
		assertThat(sneaky).exists();
		assertFailure(failsBeforeTheNetwork(UploadOptions.builder(url("/upload"), sneaky, "file")),
				"uploadFile:fail permission denied", WxErrno.PERMISSION_DENIED);
	}

	@Test
	void aSymbolicLinkInsideTheUserDataDirCannotLeadOutside() throws Exception {
		Path root = Files.createDirectories(this.dir.resolve("user-data"));
		Path outside = file("outside.txt", "x".getBytes(StandardCharsets.UTF_8));
		Path link = Files.createSymbolicLink(root.resolve("innocent.txt"), outside);
		Path linkedDir = Files.createSymbolicLink(root.resolve("innocent-dir"), outside.getParent());
		useKit(kitBuilder().userDataDir(root));
		assertFailure(failsBeforeTheNetwork(UploadOptions.builder(url("/upload"), link, "file")),
				"uploadFile:fail permission denied", WxErrno.PERMISSION_DENIED);
		assertFailure(failsBeforeTheNetwork(UploadOptions.builder(url("/upload"), linkedDir.resolve("outside.txt"), "file")),
				"uploadFile:fail permission denied", WxErrno.PERMISSION_DENIED);
	}

	@Test
	void anInvalidUrlFailsWithTheContractsMessage() throws Exception {
		Path file = file("a.txt", "a".getBytes(StandardCharsets.UTF_8));
		assertFailure(failsBeforeTheNetwork(UploadOptions.builder("not a url", file, "file")),
				"uploadFile:fail invalid url \"not a url\"", WxErrno.INVALID_URL);
		assertFailure(failsBeforeTheNetwork(UploadOptions.builder("ftp://127.0.0.1/x", file, "file")),
				"uploadFile:fail invalid url \"ftp://127.0.0.1/x\"", WxErrno.INVALID_URL);
	}

	@Test
	void aRefererOrForgedHeaderFailsWithInvalidHeader() throws Exception {
		Path file = file("a.txt", "a".getBytes(StandardCharsets.UTF_8));
		assertFailure(failsBeforeTheNetwork(UploadOptions.builder(url("/upload"), file, "file")
			.header("Referer", "https://servicewechat.com/")), "uploadFile:fail invalid header Referer", WxErrno.INVALID_HEADER);
		assertFailure(failsBeforeTheNetwork(UploadOptions.builder(url("/upload"), file, "file")
			.header("Content-Length", "1")), "uploadFile:fail invalid header Content-Length", WxErrno.INVALID_HEADER);
		assertFailure(failsBeforeTheNetwork(UploadOptions.builder(url("/upload"), file, "file")
			.header("X-Evil", "a\r\nInjected: 1")), "uploadFile:fail invalid header X-Evil", WxErrno.INVALID_HEADER);
	}

	@Test
	void aBlankOrMissingNameFails() throws Exception {
		Path file = file("a.txt", "a".getBytes(StandardCharsets.UTF_8));
		for (String name : new String[] { "", "  ", null }) {
			WxNetworkException failure = failsBeforeTheNetwork(UploadOptions.builder(url("/upload"), file, name));
			assertThat(failure.errMsg()).startsWith("uploadFile:fail ").contains("name");
			assertThat(failure.errno()).isZero();
		}
	}

	@Test
	void aFormDataFieldWithoutAValueFails() throws Exception {
		Path file = file("a.txt", "a".getBytes(StandardCharsets.UTF_8));
		Map<String, String> form = new HashMap<>();
		form.put("nothing", null);
		WxNetworkException failure = failsBeforeTheNetwork(UploadOptions.builder(url("/upload"), file, "file").formData(form));
		assertThat(failure.errMsg()).startsWith("uploadFile:fail ").contains("formData").contains("nothing");
		assertThat(failure.errno()).isZero();
	}

	@Test
	void aHostOutsideTheAllowedDomainsFails() throws Exception {
		Path file = file("a.txt", "a".getBytes(StandardCharsets.UTF_8));
		useKit(kitBuilder().allowedDomains("api.example.com"));
		assertFailure(failsBeforeTheNetwork(UploadOptions.builder(url("/upload"), file, "file")),
				"uploadFile:fail url not in domain list", WxErrno.URL_NOT_IN_DOMAIN_LIST);
	}

	@Test
	void abortWhileTheServerIsReplyingEndsWithAbort() throws Exception {
		Path file = file("a.txt", "a".getBytes(StandardCharsets.UTF_8));
		holdResponses();
		Callbacks<UploadSuccess> callbacks = new Callbacks<>();
		UploadTask task = upload(callbacks.on(UploadOptions.builder(url("/upload"), file, "file")));
		awaitArrival();
		assertThat(task.state()).isEqualTo(TaskState.RUNNING);
		task.abort();
		WxNetworkException failure = awaitFailure(task);
		assertFailure(failure, "uploadFile:fail abort", WxErrno.ABORT);
		assertThat(task.state()).isEqualTo(TaskState.ABORTED);
		callbacks.assertFailedOnce();
	}

	@Test
	void abortWhileTheFileIsStillBeingSentStopsTheUpload() throws Exception {
		Path file = file("big.bin", randomBytes(16 * 1024 * 1024, 3));
		GatedLimiter limiter = new GatedLimiter();
		useKit(kitBuilder().limiter(limiter));
		List<UploadProgress> progress = new CopyOnWriteArrayList<>();
		Callbacks<UploadSuccess> callbacks = new Callbacks<>();
		UploadTask task = upload(callbacks.on(UploadOptions.builder(url("/upload"), file, "file")));
		// Still QUEUED: the listener sees every event from the first byte on.
		task.onProgressUpdate((event) -> {
			progress.add(event);
			if (event.progress() >= 1) {
				task.abort();
			}
		});
		limiter.open();
		WxNetworkException failure = awaitFailure(task);
		assertFailure(failure, "uploadFile:fail abort", WxErrno.ABORT);
		assertThat(task.state()).isEqualTo(TaskState.ABORTED);
		callbacks.assertFailedOnce();
		assertThat(progress).isNotEmpty();
		UploadProgress last = progress.get(progress.size() - 1);
		assertThat(last.progress()).as("the upload stopped part way").isLessThan(100);
		assertThat(last.totalBytesSent()).isLessThan(last.totalBytesExpectedToSend());
	}

	@Test
	void aTimeoutBoundsTheWholeUploadIncludingTheWaitForTheReply() throws Exception {
		Path file = file("a.txt", "a".getBytes(StandardCharsets.UTF_8));
		holdResponses();
		Callbacks<UploadSuccess> callbacks = new Callbacks<>();
		long start = System.nanoTime();
		UploadTask task = upload(callbacks.on(UploadOptions.builder(url("/upload"), file, "file")
			.timeout(Duration.ofMillis(300))));
		WxNetworkException failure = awaitFailure(task);
		long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
		assertFailure(failure, "uploadFile:fail timeout", 5);
		assertThat(task.state()).isEqualTo(TaskState.FAILED);
		assertThat(elapsedMillis).isBetween(250L, 5_000L);
		callbacks.assertFailedOnce();
		// It timed out waiting for the reply: the whole request had reached the server.
		awaitArrival();
	}

	@Test
	void aRefusedConnectionFailsWithTheCausesMessage() throws Exception {
		Path file = file("a.txt", "a".getBytes(StandardCharsets.UTF_8));
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			closedPort = socket.getLocalPort();
		}
		UploadTask task = this.kit.uploadTemplate()
			.uploadFile(UploadOptions.builder("http://127.0.0.1:" + closedPort + "/upload", file, "file").build());
		WxNetworkException failure = awaitFailure(task);
		assertThat(failure.errno()).isEqualTo(WxErrno.NETWORK_ERROR);
		assertThat(failure.errMsg()).startsWith("uploadFile:fail ").isNotEqualTo("uploadFile:fail ");
		assertThat(task.state()).isEqualTo(TaskState.FAILED);
	}

	@Test
	void theFutureOfABadTaskFailsToo() throws Exception {
		UploadTask task = upload(UploadOptions.builder(url("/upload"), this.dir.resolve("missing"), "file"));
		WxNetworkException failure = awaitFailure(task);
		assertThat(failure.errMsg()).isEqualTo("uploadFile:fail file not found");
		try {
			task.join();
			throw new AssertionError("join() returned for a failed task");
		}
		catch (WxNetworkException ex) {
			assertThat(ex.errMsg()).isEqualTo("uploadFile:fail file not found");
		}
	}

}
