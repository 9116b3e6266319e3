package io.github.wxnetwork.limits;

import io.github.wxnetwork.WxErrno;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.wxnetwork.RequestSuccess;
import io.github.wxnetwork.RequestTask;
import io.github.wxnetwork.TaskState;
import io.github.wxnetwork.WxNetworkException;
import io.github.wxnetwork.WxProfile;
import io.github.wxnetwork.TaskKind;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What happens to a task while it waits: abort, expiry after max-queue-wait, and what profile records. */
class QueueAbortAndExpiryTest extends LimitsTestBase {

	@Test
	void abortedQueuedTaskFailsWithAbortNeverReachesTheServerAndTheQueueMovesOn() throws Exception {
		useKit(1, Duration.ofSeconds(60));
		RequestTask holder = request("/held", 0);
		this.gauge.awaitArrivals(1);
		AtomicInteger completes = new AtomicInteger();
		CompletableFuture<WxNetworkException> failed = new CompletableFuture<>();
		RequestTask first = request("/ok", 1);
		RequestTask aborted = request(options("/ok", 2).fail(failed::complete).complete(completes::incrementAndGet));
		RequestTask third = request("/ok", 3);
		assertThat(limiter().queued(TaskKind.REQUEST)).isEqualTo(3);

		aborted.abort();
		WxNetworkException failure = awaitFailure(aborted);
		assertThat(failure.errMsg()).isEqualTo("request:fail abort");
		assertThat(failure.errno()).isEqualTo(WxErrno.ABORT);
		assertThat(failed.get(WAIT_SECONDS, TimeUnit.SECONDS)).isSameAs(failure);
		assertThat(completes).hasValue(1);
		assertThat(aborted.state()).isEqualTo(TaskState.ABORTED);
		assertThat(limiter().queued(TaskKind.REQUEST)).isEqualTo(2);
		// Abort is idempotent, and the slot is still the holder's.
		aborted.abort();
		assertThat(limiter().running(TaskKind.REQUEST)).isEqualTo(1);
		assertThat(holder.state()).isEqualTo(TaskState.RUNNING);

		this.gauge.open("held");
		success(holder);
		success(first);
		success(third);
		assertThat(this.gauge.arrivalOrder("/ok")).as("the aborted task never reached the server").containsExactly(1, 3);
		assertThat(completes).hasValue(1);
		assertIdle();
	}

	@Test
	void cancellingTheFutureOfTheTaskAtTheHeadOfTheQueueAbortsIt() throws Exception {
		useKit(1, Duration.ofSeconds(60));
		RequestTask holder = request("/held", 0);
		this.gauge.awaitArrivals(1);
		CompletableFuture<WxNetworkException> failed = new CompletableFuture<>();
		RequestTask head = request(options("/ok", 1).fail(failed::complete));
		RequestTask next = request("/ok", 2);

		head.toCompletableFuture().cancel(true);
		WxNetworkException failure = failed.get(WAIT_SECONDS, TimeUnit.SECONDS);
		assertThat(failure.errMsg()).isEqualTo("request:fail abort");
		assertThat(failure.errno()).isEqualTo(WxErrno.ABORT);
		assertThat(head.state()).isEqualTo(TaskState.ABORTED);

		this.gauge.open("held");
		success(holder);
		success(next);
		assertThat(this.gauge.arrivalOrder("/ok")).containsExactly(2);
		assertIdle();
	}

	@Test
	void aTaskQueuedLongerThanMaxQueueWaitFailsWithExceedMaxTaskCountWithoutReachingTheServer() throws Exception {
		useKit(1, Duration.ofMillis(200));
		RequestTask holder = request("/held", 0);
		this.gauge.awaitArrivals(1);
		AtomicInteger completes = new AtomicInteger();
		long submitted = System.nanoTime();
		RequestTask queued = request(options("/ok", 1).complete(completes::incrementAndGet));
		assertThat(queued.state()).isEqualTo(TaskState.QUEUED);

		WxNetworkException failure = awaitFailure(queued);
		long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - submitted);
		assertThat(failure.errMsg()).isEqualTo("request:fail exceed max task count");
		assertThat(failure.errno()).isEqualTo(WxErrno.EXCEED_MAX_TASK_COUNT);
		assertThat(queued.state()).isEqualTo(TaskState.FAILED);
		assertThat(completes).hasValue(1);
		assertThat(waited).as("it waited its max-queue-wait first").isGreaterThanOrEqualTo(200);
		assertThat(limiter().queued(TaskKind.REQUEST)).isZero();
		// The running task is untouched: it keeps its slot and succeeds.
		assertThat(holder.state()).isEqualTo(TaskState.RUNNING);
		assertThat(limiter().running(TaskKind.REQUEST)).isEqualTo(1);

		this.gauge.open("held");
		success(holder);
		assertThat(this.gauge.arrivalOrder("/ok")).as("the expired task never reached the server").isEmpty();
		assertIdle();
		// The queue works on afterwards.
		success(request("/ok", 2));
		assertThat(this.gauge.arrivalOrder("/ok")).containsExactly(2);
	}

	@Test
	void everyQueuedTaskExpiresInTurnWhileTheSlotStaysBusy() throws Exception {
		useKit(1, Duration.ofMillis(150));
		RequestTask holder = request("/held", 0);
		this.gauge.awaitArrivals(1);
		List<RequestTask> queued = new ArrayList<>();
		for (int i = 1; i <= 5; i++) {
			queued.add(request("/ok", i));
		}
		// A task queued later, after the first ones expired, expires too (the timer re-arms).
		for (int i = 0; i < 5; i++) {
			assertThat(awaitFailure(queued.get(i)).errno()).isEqualTo(WxErrno.EXCEED_MAX_TASK_COUNT);
		}
		RequestTask late = request("/ok", 6);
		assertThat(awaitFailure(late).errMsg()).isEqualTo("request:fail exceed max task count");
		assertThat(limiter().queued(TaskKind.REQUEST)).isZero();

		this.gauge.open("held");
		success(holder);
		assertThat(this.gauge.arrivalOrder("/ok")).isEmpty();
		assertIdle();
	}

	/**
	 * {@code future.cancel()} on a queued task must report that it cancelled it, although the abort it
	 * causes is delivered on another thread (which must not complete the future first). The abort's
	 * fail and complete callbacks still run, exactly once, after {@code cancel} returned.
	 */
	@Test
	void cancellingTheFutureOfAQueuedTaskAlwaysReportsItCancelled() throws Exception {
		useKit(1, Duration.ofSeconds(60));
		RequestTask holder = request("/held", 0);
		this.gauge.awaitArrivals(1);
		int notCancelled = 0;
		CountDownLatch completed = new CountDownLatch(300);
		AtomicInteger aborts = new AtomicInteger();
		for (int i = 1; i <= 300; i++) {
			CompletableFuture<RequestSuccess> future = request(options("/ok", i)
				.fail((error) -> aborts.addAndGet((error.errno() == WxErrno.ABORT) ? 1 : 1000))
				.complete(completed::countDown)).toCompletableFuture();
			if (!future.cancel(true) || !future.isCancelled()) {
				notCancelled++;
			}
		}
		assertThat(completed.await(WAIT_SECONDS, TimeUnit.SECONDS)).as("every cancelled task completed").isTrue();
		assertThat(aborts).as("each cancelled task failed once, with abort").hasValue(300);
		this.gauge.open("held");
		success(holder);
		assertThat(notCancelled).as("cancel() calls that did not report a cancelled future").isZero();
		assertIdle();
	}

	/**
	 * Aborts that race the queue as it drains: a task aborted just as a slot frees may be taken from
	 * the queue before its abort is delivered; its permit must go back unused. Whatever wins, every
	 * task ends, each aborted one with abort, and no permit is lost.
	 */
	@Test
	void abortsRacingTheDrainingQueueNeverLeakAPermit() throws Exception {
		useKit(2, Duration.ofSeconds(60));
		List<RequestTask> tasks = new ArrayList<>();
		for (int i = 1; i <= 400; i++) {
			tasks.add(request("/ok", i));
		}
		CompletableFuture<Void> aborter = CompletableFuture.runAsync(() -> {
			for (int i = 1; i < tasks.size(); i += 2) {
				tasks.get(i).abort();
			}
		});
		aborter.get(WAIT_SECONDS, TimeUnit.SECONDS);
		for (int i = 0; i < tasks.size(); i++) {
			RequestTask task = tasks.get(i);
			if (i % 2 == 0) {
				success(task);
			}
			else {
				try {
					await(task);
					assertThat(task.state()).as("an aborted task that had already ended").isEqualTo(TaskState.SUCCEEDED);
				}
				catch (java.util.concurrent.ExecutionException ex) {
					assertThat(((WxNetworkException) ex.getCause()).errno()).isEqualTo(WxErrno.ABORT);
					assertThat(task.state()).isEqualTo(TaskState.ABORTED);
				}
			}
		}
		assertThat(this.gauge.max()).isLessThanOrEqualTo(2);
		assertIdle();
	}

	@Test
	void profileRecordsTheTimeSpentInTheQueue() throws Exception {
		useKit(1, Duration.ofSeconds(60));
		RequestTask first = request("/slow", 1);
		RequestTask second = request("/slow", 2);
		RequestSuccess firstDone = success(first);
		RequestSuccess secondDone = success(second);
		WxProfile started = firstDone.profile();
		WxProfile waited = secondDone.profile();

		// The first found a free slot: it left the queue as it entered it.
		assertThat(started.queueStart()).isEqualTo(started.invokeStart());
		assertThat(started.queueEnd()).isGreaterThanOrEqualTo(started.queueStart());
		assertThat(started.queueEnd() - started.queueStart()).isLessThan(SLOW_MILLIS);
		assertThat(started.fetchStart()).isGreaterThanOrEqualTo(started.queueEnd());
		// The second waited the whole time the slot was busy: at least the server's 300 ms for the
		// first (minus the moment between the two calls), and left the queue after the first's response.
		assertThat(waited.queueStart()).isGreaterThanOrEqualTo(started.queueStart());
		assertThat(waited.queueEnd()).isGreaterThan(waited.queueStart())
			.isGreaterThanOrEqualTo(started.responseEnd())
			.isGreaterThanOrEqualTo(started.queueStart() + SLOW_MILLIS);
		assertThat(waited.queueEnd() - waited.queueStart())
			.isGreaterThanOrEqualTo(SLOW_MILLIS - (waited.queueStart() - started.queueStart()));
		assertThat(waited.fetchStart()).isGreaterThanOrEqualTo(waited.queueEnd());
		assertIdle();
	}

}
