package io.github.wxnetwork.request;

import io.github.wxnetwork.WxErrno;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import io.github.wxnetwork.ChunkReceived;
import io.github.wxnetwork.RequestOptions;
import io.github.wxnetwork.RequestSuccess;
import io.github.wxnetwork.RequestTask;
import io.github.wxnetwork.TaskState;
import io.github.wxnetwork.WxNetworkException;
import io.github.wxnetwork.support.GatedLimiter;
import io.github.wxnetwork.support.WxTestKit;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** timeout bounds the whole task (headers and body); abort stops it in any state, once. */
class RequestAbortAndTimeoutTest extends RequestTestBase {

	/** Long enough that only a timeout or an abort can end the task within the test's bounds. */
	private static final int SLOW_MS = 2000;

	private void slowHeaders() {
		this.server.stubFor(get("/slow").willReturn(aResponse().withFixedDelay(SLOW_MS).withBody("late")));
	}

	private void slowBody(int chunks, int totalMs) {
		this.server.stubFor(get("/slow").willReturn(aResponse().withHeader("Content-Type", "text/plain")
			.withBody("x".repeat(chunks * 100))
			.withChunkedDribbleDelay(chunks, totalMs)));
	}

	private static long elapsedMs(long startNanos) {
		return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
	}

	// --- timeout ---

	@Test
	void aPerCallTimeoutFailsASlowResponseWithTimeoutErrno5() throws Exception {
		slowHeaders();
		long start = System.nanoTime();
		RequestTask task = request(RequestOptions.builder(url("/slow")).timeout(Duration.ofMillis(300)));
		WxNetworkException failure = awaitFailure(task);
		assertThat(failure.errMsg()).isEqualTo("request:fail timeout");
		assertThat(failure.errno()).isEqualTo(WxErrno.TIMEOUT);
		assertThat(task.state()).isEqualTo(TaskState.FAILED);
		assertThat(elapsedMs(start)).as("not before the timeout").isGreaterThanOrEqualTo(250);
	}

	@Test
	void theTimeoutCoversASlowBodyAfterTheHeadersArrived() throws Exception {
		slowBody(10, 3000);
		CountDownLatch headers = new CountDownLatch(1);
		List<byte[]> chunks = new CopyOnWriteArrayList<>();
		RequestTask task = request(RequestOptions.builder(url("/slow"))
			.timeout(Duration.ofMillis(600))
			.onHeadersReceived((h) -> headers.countDown())
			.onChunkReceived((c) -> chunks.add(c.data())));
		WxNetworkException failure = awaitFailure(task);
		assertThat(failure.errMsg()).isEqualTo("request:fail timeout");
		assertThat(failure.errno()).isEqualTo(WxErrno.TIMEOUT);
		assertThat(headers.getCount()).as("headers arrived before the timeout").isZero();
		assertThat(chunks.stream().mapToInt((c) -> c.length).sum()).isLessThan(1000);
	}

	@Test
	void theKitsDefaultTimeoutAppliesWhenNoneIsGiven() throws Exception {
		useKit(WxTestKit.builder().defaultTimeout(Duration.ofMillis(300)));
		slowHeaders();
		WxNetworkException failure = awaitFailure(request(RequestOptions.builder(url("/slow"))));
		assertThat(failure.errMsg()).isEqualTo("request:fail timeout");
		assertThat(failure.errno()).isEqualTo(WxErrno.TIMEOUT);
	}

	@Test
	void aPerCallTimeoutOverridesTheDefault() throws Exception {
		useKit(WxTestKit.builder().defaultTimeout(Duration.ofMillis(100)));
		this.server.stubFor(get("/slow").willReturn(aResponse().withFixedDelay(400).withBody("late")));
		RequestSuccess success = await(request(RequestOptions.builder(url("/slow")).timeout(Duration.ofSeconds(5))));
		assertThat(success.data()).isEqualTo("late");
	}

	@Test
	void aSubMillisecondTimeoutIsStillATimeoutNotNone() throws Exception {
		slowHeaders();
		WxNetworkException failure = awaitFailure(
				request(RequestOptions.builder(url("/slow")).timeout(Duration.ofNanos(500_000))));
		assertThat(failure.errMsg()).isEqualTo("request:fail timeout");
	}

	@Test
	void aZeroTimeoutFailsTheTaskWithErrMsg() throws Exception {
		RequestTask task = request(RequestOptions.builder(url("/slow")).timeout(Duration.ZERO));
		assertThat(awaitFailure(task).errMsg()).startsWith("request:fail invalid timeout");
		assertThat(task.state()).isEqualTo(TaskState.FAILED);
		assertThat(received()).isEmpty();
	}

	@Test
	void aNegativeTimeoutFailsTheTaskWithErrMsg() throws Exception {
		RequestTask task = request(RequestOptions.builder(url("/slow")).timeout(Duration.ofSeconds(-1)));
		assertThat(awaitFailure(task).errMsg()).startsWith("request:fail invalid timeout");
		assertThat(received()).isEmpty();
	}

	// --- abort ---

	@Test
	void abortWhileTheServerDelaysFailsWithAbort600003() throws Exception {
		slowHeaders();
		RequestTask task = request(RequestOptions.builder(url("/slow")));
		awaitArrival();
		task.abort();
		WxNetworkException failure = awaitFailure(task);
		assertThat(failure.errMsg()).isEqualTo("request:fail abort");
		assertThat(failure.errno()).isEqualTo(WxErrno.ABORT);
		assertThat(task.state()).isEqualTo(TaskState.ABORTED);
	}

	@Test
	void abortIsIdempotentAndTheCallbacksRunOnce() throws Exception {
		slowHeaders();
		AtomicInteger fails = new AtomicInteger();
		AtomicInteger completes = new AtomicInteger();
		RequestTask task = request(RequestOptions.builder(url("/slow"))
			.fail((e) -> fails.incrementAndGet())
			.complete(completes::incrementAndGet));
		awaitArrival();
		task.abort();
		task.abort();
		awaitFailure(task);
		task.abort();
		assertThat(fails).hasValue(1);
		assertThat(completes).hasValue(1);
		assertThat(task.state()).isEqualTo(TaskState.ABORTED);
	}

	@Test
	void abortAfterSuccessIsIgnored() throws Exception {
		this.server.stubFor(get("/fast").willReturn(aResponse().withBody("done")));
		AtomicInteger fails = new AtomicInteger();
		AtomicInteger completes = new AtomicInteger();
		RequestTask task = request(RequestOptions.builder(url("/fast"))
			.fail((e) -> fails.incrementAndGet())
			.complete(completes::incrementAndGet));
		RequestSuccess success = await(task);
		task.abort();
		assertThat(task.state()).isEqualTo(TaskState.SUCCEEDED);
		assertThat(task.join()).isSameAs(success);
		assertThat(fails).hasValue(0);
		assertThat(completes).hasValue(1);
	}

	@Test
	void abortAfterATimeoutIsIgnored() throws Exception {
		slowHeaders();
		RequestTask task = request(RequestOptions.builder(url("/slow")).timeout(Duration.ofMillis(200)));
		assertThat(awaitFailure(task).errno()).isEqualTo(WxErrno.TIMEOUT);
		task.abort();
		assertThat(task.state()).isEqualTo(TaskState.FAILED);
		assertThat(awaitFailure(task).errMsg()).isEqualTo("request:fail timeout");
	}

	@Test
	void cancellingTheFutureAbortsTheTask() throws Exception {
		slowHeaders();
		CountDownLatch completed = new CountDownLatch(1);
		AtomicReference<WxNetworkException> failed = new AtomicReference<>();
		RequestTask task = request(RequestOptions.builder(url("/slow"))
			.fail(failed::set)
			.complete(completed::countDown));
		awaitArrival();
		CompletableFuture<RequestSuccess> future = task.toCompletableFuture();
		// Not asserting cancel's return value: TaskFuture.cancel aborts first and cancels itself second, so the
		// engine thread may complete the future with the abort failure in between and cancel then returns false.
		future.cancel(true);
		assertThat(completed.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
		assertThat(future).isDone();
		assertThat(task.state()).isEqualTo(TaskState.ABORTED);
		assertThat(failed.get().errMsg()).isEqualTo("request:fail abort");
		assertThat(failed.get().errno()).isEqualTo(WxErrno.ABORT);
		assertThatThrownBy(task::join).isInstanceOfSatisfying(WxNetworkException.class,
				(e) -> assertThat(e.errno()).isEqualTo(WxErrno.ABORT));
	}

	@Test
	void abortFromAChunkListenerStopsTheBodyStream() throws Exception {
		slowBody(10, 2000);
		ByteArrayOutputStream seen = new ByteArrayOutputStream();
		AtomicInteger chunkEvents = new AtomicInteger();
		AtomicReference<RequestTask> self = new AtomicReference<>();
		CountDownLatch taskKnown = new CountDownLatch(1);
		RequestTask task = request(RequestOptions.builder(url("/slow")).onChunkReceived((chunk) -> {
			chunkEvents.incrementAndGet();
			seen.writeBytes(chunk.data());
			try {
				taskKnown.await(WAIT_SECONDS, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			self.get().abort();
		}));
		self.set(task);
		taskKnown.countDown();
		WxNetworkException failure = awaitFailure(task);
		assertThat(failure.errMsg()).isEqualTo("request:fail abort");
		assertThat(failure.errno()).isEqualTo(WxErrno.ABORT);
		assertThat(task.state()).isEqualTo(TaskState.ABORTED);
		assertThat(chunkEvents).hasValue(1);
		assertThat(seen.size()).isLessThan(1000);
	}

	@Test
	void abortFromAHeadersListenerEndsTheTaskBeforeAnyChunk() throws Exception {
		this.server.stubFor(get("/fast").willReturn(aResponse().withBody("body")));
		AtomicReference<RequestTask> self = new AtomicReference<>();
		CountDownLatch taskKnown = new CountDownLatch(1);
		AtomicInteger chunks = new AtomicInteger();
		RequestTask task = request(RequestOptions.builder(url("/fast")).onHeadersReceived((h) -> {
			try {
				taskKnown.await(WAIT_SECONDS, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			self.get().abort();
		}).onChunkReceived((c) -> chunks.incrementAndGet()));
		self.set(task);
		taskKnown.countDown();
		assertThat(awaitFailure(task).errno()).isEqualTo(WxErrno.ABORT);
		assertThat(task.state()).isEqualTo(TaskState.ABORTED);
		assertThat(chunks).hasValue(0);
	}

	@Test
	void abortFromTheListenerOfTheLastChunkStillEndsWithAbort() throws Exception {
		this.server.stubFor(get("/fast").willReturn(aResponse().withBody("one small chunk")));
		AtomicReference<RequestTask> self = new AtomicReference<>();
		CountDownLatch taskKnown = new CountDownLatch(1);
		AtomicInteger successes = new AtomicInteger();
		RequestTask task = request(RequestOptions.builder(url("/fast")).success((s) -> successes.incrementAndGet())
			.onChunkReceived((ChunkReceived c) -> {
				try {
					taskKnown.await(WAIT_SECONDS, TimeUnit.SECONDS);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				self.get().abort();
			}));
		self.set(task);
		taskKnown.countDown();
		WxNetworkException failure = awaitFailure(task);
		assertThat(failure.errno()).isEqualTo(WxErrno.ABORT);
		assertThat(task.state()).isEqualTo(TaskState.ABORTED);
		assertThat(successes).hasValue(0);
	}

	@Test
	void aQueuedTaskThatIsAbortedNeverTouchesTheNetwork() throws Exception {
		GatedLimiter gate = new GatedLimiter();
		useKit(WxTestKit.builder().limiter(gate));
		this.server.stubFor(get("/fast").willReturn(aResponse().withBody("body")));
		RequestTask task = request(RequestOptions.builder(url("/fast")));
		assertThat(task.state()).isEqualTo(TaskState.QUEUED);
		task.abort();
		WxNetworkException failure = awaitFailure(task);
		assertThat(failure.errMsg()).isEqualTo("request:fail abort");
		assertThat(task.state()).isEqualTo(TaskState.ABORTED);
		gate.open();
		assertThat(task.state()).isEqualTo(TaskState.ABORTED);
		assertThat(received()).isEmpty();
	}

}
