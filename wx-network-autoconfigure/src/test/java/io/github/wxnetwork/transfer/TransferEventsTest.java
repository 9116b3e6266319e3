package io.github.wxnetwork.transfer;

import io.github.wxnetwork.WxErrno;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import io.github.wxnetwork.DownloadOptions;
import io.github.wxnetwork.DownloadProgress;
import io.github.wxnetwork.DownloadSuccess;
import io.github.wxnetwork.DownloadTask;
import io.github.wxnetwork.HeadersReceived;
import io.github.wxnetwork.TaskState;
import io.github.wxnetwork.UploadOptions;
import io.github.wxnetwork.UploadProgress;
import io.github.wxnetwork.UploadSuccess;
import io.github.wxnetwork.UploadTask;
import io.github.wxnetwork.WxNetworkException;
import io.github.wxnetwork.support.GatedLimiter;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;

/** Progress, headers-received, listeners and the success / fail / complete callbacks of both kinds. */
class TransferEventsTest extends TransferTestBase {

	private DownloadTask download(DownloadOptions.Builder options) {
		return this.kit.downloadTemplate().downloadFile(options.build());
	}

	private UploadTask upload(UploadOptions.Builder options) {
		return this.kit.uploadTemplate().uploadFile(options.build());
	}

	private Path smallFile() throws Exception {
		return file("a.txt", "hello".getBytes(StandardCharsets.UTF_8));
	}

	// --- download progress ---

	@Test
	void downloadProgressWithAContentLengthIsTheFlooredPercentageFiredOnEachChange() throws Exception {
		int size = 10_000;
		this.server.stubFor(get("/f").willReturn(aResponse().withHeader("Content-Length", String.valueOf(size))
			.withBody(randomBytes(size, 51))
			.withChunkedDribbleDelay(7, 1_400)));
		List<DownloadProgress> progress = new CopyOnWriteArrayList<>();
		await(download(DownloadOptions.builder(url("/f")).onProgressUpdate(progress::add)));

		assertThat(progress).hasSizeGreaterThanOrEqualTo(3);
		DownloadProgress previous = null;
		for (DownloadProgress event : progress) {
			assertThat(event.totalBytesExpectedToWrite()).isEqualTo(size);
			assertThat(event.progress()).isEqualTo((int) Math.floor(100.0 * event.totalBytesWritten() / size));
			if (previous != null) {
				assertThat(event.progress()).as("fired only when the percentage changes").isGreaterThan(previous.progress());
				assertThat(event.totalBytesWritten()).isGreaterThan(previous.totalBytesWritten());
			}
			previous = event;
		}
		assertThat(progress.get(progress.size() - 1)).isEqualTo(new DownloadProgress(100, size, size));
	}

	@Test
	void downloadProgressWithAnUnknownTotalIsZeroOfZeroOnEachNewByteCount() throws Exception {
		int size = 6 * 1024;
		this.server.stubFor(get("/f").willReturn(aResponse().withBody(randomBytes(size, 52)).withChunkedDribbleDelay(6, 1_200)));
		List<DownloadProgress> progress = new CopyOnWriteArrayList<>();
		List<HeadersReceived> headers = new CopyOnWriteArrayList<>();
		await(download(DownloadOptions.builder(url("/f")).onProgressUpdate(progress::add).onHeadersReceived(headers::add)));

		assertThat(headers.get(0).header()).doesNotContainKey("content-length");
		assertThat(progress).hasSizeGreaterThanOrEqualTo(3);
		long previous = 0;
		for (DownloadProgress event : progress) {
			assertThat(event.progress()).isZero();
			assertThat(event.totalBytesExpectedToWrite()).isZero();
			assertThat(event.totalBytesWritten()).isGreaterThan(previous);
			previous = event.totalBytesWritten();
		}
		assertThat(previous).isEqualTo(size);
	}

	@Test
	void progressListenersAddedToTheTaskSeeEventsAndOffProgressUpdateRemovesThem() throws Exception {
		GatedLimiter limiter = new GatedLimiter();
		useKit(kitBuilder().limiter(limiter));
		this.server.stubFor(get("/f").willReturn(aResponse().withHeader("Content-Length", "3000").withBody(new byte[3000])));
		List<DownloadProgress> fromOptions = new CopyOnWriteArrayList<>();
		List<DownloadProgress> added = new CopyOnWriteArrayList<>();
		List<DownloadProgress> removed = new CopyOnWriteArrayList<>();
		List<DownloadProgress> removedAll = new CopyOnWriteArrayList<>();
		Consumer<DownloadProgress> toRemove = removed::add;

		DownloadTask kept = download(DownloadOptions.builder(url("/f")).onProgressUpdate(fromOptions::add));
		kept.onProgressUpdate(added::add).onProgressUpdate(toRemove).offProgressUpdate(toRemove);
		DownloadTask silenced = download(DownloadOptions.builder(url("/f")).onProgressUpdate(removedAll::add));
		silenced.onProgressUpdate(removedAll::add).offProgressUpdate();
		limiter.open();
		await(kept);
		await(silenced);

		assertThat(fromOptions).isNotEmpty().last().isEqualTo(new DownloadProgress(100, 3000, 3000));
		assertThat(added).isEqualTo(fromOptions);
		assertThat(removed).isEmpty();
		assertThat(removedAll).isEmpty();
	}

	@Test
	void aThrowingListenerHarmsNeitherOtherListenersNorTheTask() throws Exception {
		this.server.stubFor(get("/f").willReturn(aResponse().withHeader("Content-Length", "3000").withBody(new byte[3000])));
		List<DownloadProgress> progress = new CopyOnWriteArrayList<>();
		List<HeadersReceived> headers = new CopyOnWriteArrayList<>();
		Callbacks<DownloadSuccess> callbacks = new Callbacks<>();
		DownloadTask task = download(callbacks.on(DownloadOptions.builder(url("/f"))
			.onHeadersReceived((event) -> {
				throw new IllegalStateException("listener bug");
			})
			.onHeadersReceived(headers::add)
			.onProgressUpdate((event) -> {
				throw new IllegalStateException("listener bug");
			})
			.onProgressUpdate(progress::add)));
		DownloadSuccess success = await(task);
		assertThat(success.statusCode()).isEqualTo(200);
		assertThat(headers).hasSize(1);
		assertThat(progress).last().isEqualTo(new DownloadProgress(100, 3000, 3000));
		callbacks.assertSucceededOnce();
	}

	// --- headers received ---

	@Test
	void uploadOnHeadersReceivedFiresWithTheStatusAndNoCookiesBeforeTheSuccess() throws Exception {
		this.server.stubFor(post("/u").willReturn(aResponse().withStatus(202)
			.withHeader("Set-Cookie", "sid=abc; Path=/")
			.withHeader("X-Upload-Id", "42")
			.withBody("accepted")));
		List<Object> events = new CopyOnWriteArrayList<>();
		UploadSuccess success = await(upload(UploadOptions.builder(url("/u"), smallFile(), "file")
			.onHeadersReceived(events::add)
			.success(events::add)));
		assertThat(events).hasSize(2);
		HeadersReceived headers = (HeadersReceived) events.get(0);
		assertThat(events.get(1)).isSameAs(success);
		assertThat(headers.statusCode()).isEqualTo(202);
		assertThat(headers.cookies()).isEmpty();
		assertThat(headers.header().get("x-upload-id")).isEqualTo("42");
		assertThat(headers.header().get("set-cookie")).isEqualTo("sid=abc; Path=/");
	}

	@Test
	void downloadOnHeadersReceivedComesBeforeAnyProgressAndListenersAddedLaterAreCalled() throws Exception {
		GatedLimiter limiter = new GatedLimiter();
		useKit(kitBuilder().limiter(limiter));
		this.server.stubFor(get("/f").willReturn(aResponse().withStatus(404)
			.withHeader("Content-Length", "2000")
			.withHeader("Set-Cookie", "a=1")
			.withBody(new byte[2000])));
		List<String> order = new CopyOnWriteArrayList<>();
		List<HeadersReceived> headers = new CopyOnWriteArrayList<>();
		Consumer<HeadersReceived> removed = (event) -> order.add("removed listener");
		DownloadTask task = download(DownloadOptions.builder(url("/f"))
			.onProgressUpdate((event) -> order.add("progress " + event.progress()))
			.success((success) -> order.add("success"))
			.complete(() -> order.add("complete")));
		task.onHeadersReceived((event) -> {
			headers.add(event);
			order.add("headers " + event.statusCode());
		}).onHeadersReceived(removed).offHeadersReceived(removed);
		limiter.open();
		await(task);
		// Headers first, then progress (ending at 100), then success, then complete; never the removed listener.
		assertThat(order.get(0)).isEqualTo("headers 404");
		assertThat(order.subList(order.size() - 3, order.size())).containsExactly("progress 100", "success", "complete");
		assertThat(order.subList(1, order.size() - 2)).allMatch((event) -> event.startsWith("progress "));
		assertThat(order).doesNotContain("removed listener");
		assertThat(headers.get(0).header().get("content-length")).isEqualTo("2000");
		assertThat(headers.get(0).cookies()).isEmpty();
	}

	// --- exactly one of success / fail, then complete, once ---

	@Test
	void aSuccessfulUploadCallsSuccessThenCompleteOnce() throws Exception {
		this.server.stubFor(post("/u").willReturn(aResponse().withBody("ok")));
		Callbacks<UploadSuccess> callbacks = new Callbacks<>();
		UploadTask task = upload(callbacks.on(UploadOptions.builder(url("/u"), smallFile(), "file")));
		UploadSuccess success = await(task);
		callbacks.assertSucceededOnce();
		assertThat(callbacks.results).containsExactly(success);
		assertThat(task.state()).isEqualTo(TaskState.SUCCEEDED);
		task.abort();
		assertThat(task.state()).as("a finished task ignores abort").isEqualTo(TaskState.SUCCEEDED);
		callbacks.assertSucceededOnce();
		assertThat(task.join()).isSameAs(success);
	}

	@Test
	void aFailedUploadCallsFailThenCompleteOnce() throws Exception {
		Callbacks<UploadSuccess> callbacks = new Callbacks<>();
		UploadTask task = upload(callbacks.on(UploadOptions.builder(url("/u"), this.dir.resolve("missing.bin"), "file")));
		WxNetworkException failure = awaitFailure(task);
		callbacks.assertFailedOnce();
		assertThat(callbacks.errors).containsExactly(failure);
		task.abort();
		assertThat(task.state()).isEqualTo(TaskState.FAILED);
		callbacks.assertFailedOnce();
	}

	@Test
	void anAbortedUploadCallsFailThenCompleteOnceEvenIfAbortedAgain() throws Exception {
		this.server.stubFor(post("/u").willReturn(aResponse().withBody("ok")));
		holdResponses();
		Callbacks<UploadSuccess> callbacks = new Callbacks<>();
		UploadTask task = upload(callbacks.on(UploadOptions.builder(url("/u"), smallFile(), "file")));
		awaitArrival();
		task.abort();
		task.abort();
		assertThat(awaitFailure(task).errMsg()).isEqualTo("uploadFile:fail abort");
		task.abort();
		callbacks.assertFailedOnce();
		assertThat(task.state()).isEqualTo(TaskState.ABORTED);
	}

	@Test
	void aSuccessfulDownloadCallsSuccessThenCompleteOnce() throws Exception {
		this.server.stubFor(get("/f").willReturn(aResponse().withBody("x")));
		Callbacks<DownloadSuccess> callbacks = new Callbacks<>();
		DownloadTask task = download(callbacks.on(DownloadOptions.builder(url("/f"))));
		DownloadSuccess success = await(task);
		callbacks.assertSucceededOnce();
		assertThat(callbacks.results).containsExactly(success);
		task.abort();
		assertThat(task.state()).isEqualTo(TaskState.SUCCEEDED);
		assertThat(success.tempFilePath()).as("a late abort does not touch the stored file").hasContent("x");
		callbacks.assertSucceededOnce();
	}

	@Test
	void aTimedOutDownloadCallsFailThenCompleteOnceAndAbortAfterwardsChangesNothing() throws Exception {
		this.server.stubFor(get("/f").willReturn(aResponse().withBody("x")));
		holdResponses();
		Callbacks<DownloadSuccess> callbacks = new Callbacks<>();
		DownloadTask task = download(callbacks.on(DownloadOptions.builder(url("/f")).timeout(Duration.ofMillis(200))));
		WxNetworkException failure = awaitFailure(task);
		assertThat(failure.errMsg()).isEqualTo("downloadFile:fail timeout");
		assertThat(failure.errno()).isEqualTo(WxErrno.TIMEOUT);
		task.abort();
		assertThat(task.state()).isEqualTo(TaskState.FAILED);
		callbacks.assertFailedOnce();
		assertThat(callbacks.errors).containsExactly(failure);
	}

	@Test
	void aDownloadWithBadOptionsCallsFailThenCompleteOnceOffTheCallersThread() throws Exception {
		Thread caller = Thread.currentThread();
		List<Thread> callbackThreads = new CopyOnWriteArrayList<>();
		Callbacks<DownloadSuccess> callbacks = new Callbacks<>();
		DownloadOptions.Builder options = callbacks.on(DownloadOptions.builder("nope"));
		DownloadTask task = download(options.complete(() -> {
			callbackThreads.add(Thread.currentThread());
			callbacks.completions.incrementAndGet();
			callbacks.order.add("complete");
		}));
		WxNetworkException failure = awaitFailure(task);
		assertThat(failure.errMsg()).isEqualTo("downloadFile:fail invalid url \"nope\"");
		callbacks.assertFailedOnce();
		assertThat(callbackThreads).singleElement().isNotSameAs(caller);
	}

}
