package io.github.wxnetwork.limits;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.wxnetwork.RequestOptions;
import io.github.wxnetwork.RequestSuccess;
import io.github.wxnetwork.RequestTask;
import io.github.wxnetwork.TaskKind;
import io.github.wxnetwork.TaskState;
import io.github.wxnetwork.TaskView;
import io.github.wxnetwork.WxErrno;
import io.github.wxnetwork.WxTask;
import io.github.wxnetwork.support.Arrivals;
import io.github.wxnetwork.support.TaskAwait;
import io.github.wxnetwork.support.TestWireMock;
import io.github.wxnetwork.support.WxTestKit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The limiter's side of a task ({@link Admission}, {@link TaskLimiter}), checked with limiters that do
 * unusual but legal things: counts stay true, a rejection cannot end a started task, and the view a
 * limiter holds is not the task.
 */
class AdmissionTest {

	private static final long WAIT = 10;

	private final Arrivals arrivals = new Arrivals(WAIT);

	private WireMockServer server;

	private WxTestKit kit;

	@BeforeEach
	void startServer() {
		this.server = TestWireMock.start(this.arrivals);
		this.server.stubFor(get(urlPathEqualTo("/ok")).willReturn(aResponse().withStatus(200).withBody("{\"ok\":true}")));
	}

	@AfterEach
	void stop() {
		this.arrivals.releaseResponses();
		if (this.kit != null) {
			this.kit.close();
		}
		this.server.stop();
	}

	private RequestTask request() {
		return this.kit.requestTemplate().request(RequestOptions.builder(this.server.baseUrl() + "/ok").build());
	}

	@Test
	void aRejectionAfterTheStartIsIgnoredAndTheTaskSucceeds() throws Exception {
		this.kit = WxTestKit.builder().limiter(new ForwardingLimiter(TaskLimiter.unlimited()) {

			@Override
			public void submit(Admission admission) {
				super.submit(admission);
				admission.reject();
			}

		}).build();

		RequestSuccess success = TaskAwait.await(request(), WAIT);

		assertThat(success.statusCode()).isEqualTo(200);
	}

	@Test
	void aRejectionOfAQueuedTaskFailsItWithExceedMaxTaskCountWithoutTheNetwork() throws Exception {
		this.kit = WxTestKit.builder().limiter(new ForwardingLimiter(TaskLimiter.unlimited()) {

			@Override
			public void submit(Admission admission) {
				admission.reject();
				// Started after its rejection: it must not run.
				assertThat(admission.start()).isFalse();
			}

		}).build();

		RequestTask task = request();

		assertThat(TaskAwait.awaitFailure(task, WAIT).errno()).isEqualTo(WxErrno.EXCEED_MAX_TASK_COUNT);
		assertThat(task.state()).isEqualTo(TaskState.FAILED);
		assertThat(this.server.getAllServeEvents()).isEmpty();
	}

	@Test
	void theViewALimiterHoldsIsNotTheTask() {
		AtomicReference<TaskView> seen = new AtomicReference<>();
		this.kit = WxTestKit.builder().limiter(new ForwardingLimiter(TaskLimiter.unlimited()) {

			@Override
			public void submit(Admission admission) {
				seen.set(admission.task());
				super.submit(admission);
			}

		}).build();

		RequestTask task = request();

		assertThat(seen.get()).isNotInstanceOf(WxTask.class);
		assertThat(seen.get().id()).isEqualTo(task.id());
		assertThat(seen.get().kind()).isEqualTo(TaskKind.REQUEST);
		assertThat(seen.get().method()).isEqualTo("GET");
	}

	@Test
	void theUnlimitedLimiterCountsRunningTasksUntilTheyEnd() throws Exception {
		TaskLimiter unlimited = TaskLimiter.unlimited();
		this.kit = WxTestKit.builder().limiter(unlimited).build();
		this.arrivals.holdResponses();

		RequestTask first = request();
		RequestTask second = request();
		this.arrivals.awaitArrivals(2);

		assertThat(unlimited.running(TaskKind.REQUEST)).isEqualTo(2);
		assertThat(unlimited.queued(TaskKind.REQUEST)).isZero();
		assertThat(unlimited.limit(TaskKind.REQUEST)).isEqualTo(-1);
		this.arrivals.releaseResponses();
		TaskAwait.await(first, WAIT);
		TaskAwait.await(second, WAIT);
		assertThat(unlimited.running(TaskKind.REQUEST)).isZero();
	}

	@Test
	void aTaskEndedBeforeTheQueueSawItIsNotCountedAsQueued() throws Exception {
		ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
		try {
			BulkheadTaskLimiter bulkheads = new BulkheadTaskLimiter(BulkheadRegistry.ofDefaults(), 1,
					Duration.ofMinutes(1), timer);
			AtomicReference<WxTestKit> kit = new AtomicReference<>();
			CountDownLatch ended = new CountDownLatch(1);
			// Aborts each task after it is registered and before the queue sees it (as the endpoint's DELETE
			// may), once the only slot is taken.
			this.kit = WxTestKit.builder().limiter(new ForwardingLimiter(bulkheads) {

				@Override
				public void submit(Admission admission) {
					if (bulkheads.running(TaskKind.REQUEST) == 1) {
						assertThat(kit.get().registry().abort(admission.task().id())).isTrue();
						// The task has fully ended (the limiter was told) before the queue sees it.
						awaitLatch(ended);
					}
					super.submit(admission);
				}

				@Override
				public void ended(TaskView task, boolean wasRunning) {
					super.ended(task, wasRunning);
					if (!wasRunning) {
						ended.countDown();
					}
				}

			}).build();
			kit.set(this.kit);
			this.arrivals.holdResponses();
			RequestTask holder = request();
			this.arrivals.awaitArrival();

			RequestTask aborted = request();

			assertThat(TaskAwait.awaitFailure(aborted, WAIT).errno()).isEqualTo(WxErrno.ABORT);
			assertThat(bulkheads.queued(TaskKind.REQUEST)).isZero();
			assertThat(bulkheads.running(TaskKind.REQUEST)).isEqualTo(1);
			this.arrivals.releaseResponses();
			TaskAwait.await(holder, WAIT);
			assertThat(bulkheads.running(TaskKind.REQUEST)).isZero();
		}
		finally {
			timer.shutdownNow();
			assertThat(timer.awaitTermination(WAIT, TimeUnit.SECONDS)).isTrue();
		}
	}

	@Test
	void aThrowingLimiterStillLetsTheTaskEndWithItsCallbacks() throws Exception {
		CountDownLatch completed = new CountDownLatch(1);
		this.kit = WxTestKit.builder().limiter(new ForwardingLimiter(TaskLimiter.unlimited()) {

			@Override
			public void ended(TaskView task, boolean wasRunning) {
				throw new IllegalStateException("limiter bug");
			}

		}).build();

		RequestTask task = this.kit.requestTemplate()
			.request(RequestOptions.builder(this.server.baseUrl() + "/ok").complete(completed::countDown).build());

		assertThat(TaskAwait.await(task, WAIT).statusCode()).isEqualTo(200);
		assertThat(completed.await(WAIT, TimeUnit.SECONDS)).isTrue();
	}

	private static void awaitLatch(CountDownLatch latch) {
		try {
			assertThat(latch.await(WAIT, TimeUnit.SECONDS)).isTrue();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError(ex);
		}
	}

	/** Passes everything to another limiter; tests override the step they bend. */
	private static class ForwardingLimiter implements TaskLimiter {

		private final TaskLimiter delegate;

		ForwardingLimiter(TaskLimiter delegate) {
			this.delegate = delegate;
		}

		@Override
		public void submit(Admission admission) {
			this.delegate.submit(admission);
		}

		@Override
		public void ended(TaskView task, boolean wasRunning) {
			this.delegate.ended(task, wasRunning);
		}

		@Override
		public int limit(TaskKind kind) {
			return this.delegate.limit(kind);
		}

		@Override
		public int running(TaskKind kind) {
			return this.delegate.running(kind);
		}

		@Override
		public int queued(TaskKind kind) {
			return this.delegate.queued(kind);
		}

	}

}
