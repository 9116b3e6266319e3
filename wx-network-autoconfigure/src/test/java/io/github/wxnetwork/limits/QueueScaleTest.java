package io.github.wxnetwork.limits;

import io.github.wxnetwork.WxErrno;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import io.github.wxnetwork.RequestOptions;
import io.github.wxnetwork.RequestTask;
import io.github.wxnetwork.TaskState;
import io.github.wxnetwork.WxNetworkException;
import io.github.wxnetwork.TaskKind;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The queue scales: many waiting tasks cost a little memory each and no thread. */
class QueueScaleTest extends LimitsTestBase {

	private static final int QUEUED = 10_000;

	private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();

	private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

	@Test
	void tenThousandQueuedTasksCostLittleHeapAndNoThreadsAndAllEndOnAbort() throws Exception {
		useKit(1, Duration.ofSeconds(60));
		// Warm up the request path (classes, the connection) so the measurement sees queued tasks only.
		success(request("/ok", 0));
		RequestTask holder = request("/held", 0);
		this.gauge.awaitArrivals(2);
		RequestOptions options = options("/ok", 1).build();
		// Warm up the queued path too (one task queued and aborted).
		RequestTask warm = this.kit.requestTemplate().request(options);
		warm.abort();
		awaitFailure(warm);

		long heapBefore = usedHeapAfterGc();
		int threadsBefore = this.threads.getThreadCount();
		List<RequestTask> tasks = new ArrayList<>(QUEUED);
		for (int i = 0; i < QUEUED; i++) {
			// Options of their own, as callers build them: the cost counted is a caller's whole task.
			tasks.add(this.kit.requestTemplate().request(options("/ok", i + 1).build()));
		}
		assertThat(limiter().queued(TaskKind.REQUEST)).isEqualTo(QUEUED);
		long heapAfter = usedHeapAfterGc();
		int threadsAfter = this.threads.getThreadCount();
		long heapDelta = heapAfter - heapBefore;
		System.out.printf("[wx-network] %,d queued tasks: heap %,d bytes (%,d bytes per task: task, its options and request included); "
				+ "threads %d -> %d (delta %d)%n", QUEUED, heapDelta, heapDelta / QUEUED, threadsBefore, threadsAfter,
				threadsAfter - threadsBefore);

		assertThat(tasks).allSatisfy((task) -> assertThat(task.state()).isEqualTo(TaskState.QUEUED));
		assertThat(threadsAfter - threadsBefore).as("threads added by %d queued tasks", QUEUED).isLessThan(20);
		// Generous bound (the real figure is printed above): a queued task must not cost a thread stack or a buffer.
		assertThat(heapDelta / QUEUED).as("heap bytes per queued task").isLessThan(16 * 1024);
		assertThat(limiter().running(TaskKind.REQUEST)).isEqualTo(1);
		assertThat(this.kit.registry().active()).hasSize(QUEUED + 1);

		// Abort them all: every one ends with abort, none reaches the server, the queue is empty.
		this.threads.resetPeakThreadCount();
		int threadsBeforeAbort = this.threads.getThreadCount();
		long abortStart = System.nanoTime();
		tasks.forEach(RequestTask::abort);
		CompletableFuture<?>[] futures = tasks.stream().map(RequestTask::toCompletableFuture)
			.toArray(CompletableFuture[]::new);
		try {
			CompletableFuture.allOf(futures).get(30, TimeUnit.SECONDS);
		}
		catch (ExecutionException expected) {
			// Every one of them fails; each is checked below.
		}
		long abortMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - abortStart);
		System.out.printf("[wx-network] aborting %,d queued tasks: %d ms, peak threads %d (from %d)%n", QUEUED,
				abortMillis, this.threads.getPeakThreadCount(), threadsBeforeAbort);
		for (RequestTask task : tasks) {
			assertThat(task.toCompletableFuture()).isCompletedExceptionally();
			assertThat(task.state()).isEqualTo(TaskState.ABORTED);
		}
		WxNetworkException failure = awaitFailure(tasks.get(QUEUED - 1));
		assertThat(failure.errno()).isEqualTo(WxErrno.ABORT);
		assertThat(limiter().queued(TaskKind.REQUEST)).isZero();
		assertThat(this.kit.registry().active()).hasSize(1);
		assertThat(holder.state()).isEqualTo(TaskState.RUNNING);

		this.gauge.open("held");
		success(holder);
		assertThat(this.gauge.arrivalOrder("/ok")).containsExactly(0);
		assertIdle();
	}

	/**
	 * Ending many queued tasks at once (abort, expiry, shutdown) must not cost a thread each. Their
	 * callbacks run on the engine's callback executor, an unbounded cached pool: while earlier
	 * callbacks are still busy, every further one starts a new thread.
	 */
	@Test
	void endingManyQueuedTasksWithSlowCallbacksDoesNotStartAThreadEach() throws Exception {
		useKit(1, Duration.ofSeconds(60));
		RequestTask holder = request("/held", 0);
		this.gauge.awaitArrivals(1);
		CountDownLatch callbacksMayReturn = new CountDownLatch(1);
		List<RequestTask> tasks = new ArrayList<>();
		for (int i = 1; i <= 1_000; i++) {
			tasks.add(request(options("/ok", i).fail((failure) -> {
				try {
					callbacksMayReturn.await(WAIT_SECONDS, TimeUnit.SECONDS);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			})));
		}
		int threadsBefore = this.threads.getThreadCount();
		tasks.forEach(RequestTask::abort);
		int threadsAfter = this.threads.getThreadCount();
		callbacksMayReturn.countDown();
		CompletableFuture.allOf(tasks.stream().map(RequestTask::toCompletableFuture).toArray(CompletableFuture[]::new))
			.handle((r, t) -> null)
			.get(WAIT_SECONDS, TimeUnit.SECONDS);
		this.gauge.open("held");
		success(holder);
		assertThat(threadsAfter - threadsBefore).as("threads started to end 1,000 queued tasks").isLessThan(100);
	}

	private long usedHeapAfterGc() {
		for (int i = 0; i < 3; i++) {
			System.gc();
		}
		return this.memory.getHeapMemoryUsage().getUsed();
	}

}
