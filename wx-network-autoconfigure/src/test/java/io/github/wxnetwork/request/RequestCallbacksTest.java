package io.github.wxnetwork.request;

import io.github.wxnetwork.WxErrno;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

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

/** success / fail / complete, join() and the future: exactly once, in order, never on the caller's thread. */
class RequestCallbacksTest extends RequestTestBase {

	/** Counts and orders what the callbacks saw, and on which threads they ran. */
	private static final class Recorder {

		final AtomicInteger successes = new AtomicInteger();

		final AtomicInteger fails = new AtomicInteger();

		final AtomicInteger completes = new AtomicInteger();

		final List<String> order = Collections.synchronizedList(new ArrayList<>());

		final Set<Thread> threads = ConcurrentHashMap.newKeySet();

		final AtomicReference<WxNetworkException> failure = new AtomicReference<>();

		RequestOptions.Builder on(RequestOptions.Builder options) {
			return options.success((s) -> {
				this.threads.add(Thread.currentThread());
				this.successes.incrementAndGet();
				this.order.add("success");
			}).fail((e) -> {
				this.threads.add(Thread.currentThread());
				this.failure.set(e);
				this.fails.incrementAndGet();
				this.order.add("fail");
			}).complete(() -> {
				this.threads.add(Thread.currentThread());
				this.completes.incrementAndGet();
				this.order.add("complete");
			});
		}

	}

	private void stubOk() {
		this.server.stubFor(get("/c").willReturn(aResponse().withHeader("Content-Type", "application/json").withBody("{\"ok\":true}")));
	}

	@Test
	void successThenCompleteRunExactlyOnceEachAndFailNever() throws Exception {
		stubOk();
		Recorder recorder = new Recorder();
		await(request(recorder.on(RequestOptions.builder(url("/c")))));
		assertThat(recorder.successes).hasValue(1);
		assertThat(recorder.fails).hasValue(0);
		assertThat(recorder.completes).hasValue(1);
		assertThat(recorder.order).containsExactly("success", "complete");
	}

	@Test
	void failThenCompleteRunExactlyOnceEachForInvalidOptions() throws Exception {
		Recorder recorder = new Recorder();
		RequestTask task = request(recorder.on(RequestOptions.builder("not a url")));
		WxNetworkException failure = awaitFailure(task);
		assertThat(recorder.successes).hasValue(0);
		assertThat(recorder.fails).hasValue(1);
		assertThat(recorder.completes).hasValue(1);
		assertThat(recorder.order).containsExactly("fail", "complete");
		assertThat(recorder.failure.get()).isSameAs(failure);
	}

	@Test
	void failThenCompleteRunExactlyOnceEachForANetworkFailure() throws Exception {
		int port;
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			port = socket.getLocalPort();
		}
		Recorder recorder = new Recorder();
		WxNetworkException failure = awaitFailure(request(recorder.on(RequestOptions.builder("http://127.0.0.1:" + port + "/"))));
		assertThat(failure.errno()).isEqualTo(WxErrno.NETWORK_ERROR);
		assertThat(recorder.order).containsExactly("fail", "complete");
	}

	@Test
	void theCallbacksHaveRunByTheTimeTheFutureCompletes() throws Exception {
		stubOk();
		Recorder recorder = new Recorder();
		RequestTask task = request(recorder.on(RequestOptions.builder(url("/c"))));
		AtomicReference<List<String>> seenByFuture = new AtomicReference<>();
		// Wait for the dependent stage itself: a waiter on the task's future may wake before it has run.
		task.toCompletableFuture()
			.whenComplete((s, e) -> seenByFuture.set(List.copyOf(recorder.order)))
			.get(10, TimeUnit.SECONDS);
		assertThat(seenByFuture.get()).containsExactly("success", "complete");
	}

	@Test
	void callbacksNeverRunOnTheCallersThread() throws Exception {
		stubOk();
		Recorder recorder = new Recorder();
		await(request(recorder.on(RequestOptions.builder(url("/c")))));
		assertThat(recorder.threads).isNotEmpty().doesNotContain(Thread.currentThread());
	}

	@Test
	void callbacksOfAValidationFailureNeverRunOnTheCallersThread() throws Exception {
		Recorder recorder = new Recorder();
		awaitFailure(request(recorder.on(RequestOptions.builder(url("/c")).header("Referer", "https://evil"))));
		assertThat(recorder.order).containsExactly("fail", "complete");
		assertThat(recorder.threads).isNotEmpty().doesNotContain(Thread.currentThread());
	}

	@Test
	void listenersNeverRunOnTheCallersThread() throws Exception {
		stubOk();
		Set<Thread> threads = ConcurrentHashMap.newKeySet();
		await(request(RequestOptions.builder(url("/c"))
			.onHeadersReceived((h) -> threads.add(Thread.currentThread()))
			.onChunkReceived((c) -> threads.add(Thread.currentThread()))));
		assertThat(threads).isNotEmpty().doesNotContain(Thread.currentThread());
	}

	@Test
	void aThrowingSuccessCallbackPreventsNeitherCompleteNorTheFuture() throws Exception {
		stubOk();
		AtomicInteger completes = new AtomicInteger();
		AtomicInteger fails = new AtomicInteger();
		RequestTask task = request(RequestOptions.builder(url("/c")).success((s) -> {
			throw new IllegalStateException("user bug");
		}).fail((e) -> fails.incrementAndGet()).complete(completes::incrementAndGet));
		RequestSuccess success = await(task);
		assertThat(success.data()).isEqualTo(Map.of("ok", true));
		assertThat(completes).hasValue(1);
		assertThat(fails).as("a throwing success is not turned into a fail").hasValue(0);
	}

	@Test
	void aThrowingFailCallbackPreventsNeitherCompleteNorTheFuture() throws Exception {
		AtomicInteger completes = new AtomicInteger();
		RequestTask task = request(RequestOptions.builder("ftp://x/").fail((e) -> {
			throw new IllegalStateException("user bug");
		}).complete(completes::incrementAndGet));
		assertThat(awaitFailure(task).errno()).isEqualTo(WxErrno.INVALID_URL);
		assertThat(completes).hasValue(1);
	}

	@Test
	void joinReturnsTheSuccess() throws Exception {
		stubOk();
		RequestTask task = request(RequestOptions.builder(url("/c")));
		task.toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS);
		RequestSuccess success = task.join();
		assertThat(success.statusCode()).isEqualTo(200);
		assertThat(success.errMsg()).isEqualTo("request:ok");
	}

	@Test
	void joinThrowsWxNetworkExceptionWithErrMsgAndErrno() throws Exception {
		RequestTask task = request(RequestOptions.builder(url("/c")).header("Host", "evil"));
		awaitFailure(task);
		assertThatThrownBy(task::join).isInstanceOfSatisfying(WxNetworkException.class, (e) -> {
			assertThat(e.errMsg()).isEqualTo("request:fail invalid header Host");
			assertThat(e.errno()).isEqualTo(WxErrno.INVALID_HEADER);
		});
	}

	@Test
	void theFutureFailsWithWxNetworkException() {
		RequestTask task = request(RequestOptions.builder("/relative"));
		assertThatThrownBy(() -> task.toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS))
			.isInstanceOf(ExecutionException.class)
			.cause()
			.isInstanceOfSatisfying(WxNetworkException.class, (e) -> {
				assertThat(e.errMsg()).isEqualTo("request:fail invalid url \"/relative\"");
				assertThat(e.errno()).isEqualTo(WxErrno.INVALID_URL);
			});
	}

	@Test
	void aTaskGoesFromQueuedToRunningToSucceeded() throws Exception {
		GatedLimiter gate = new GatedLimiter();
		useKit(WxTestKit.builder().limiter(gate));
		this.server.stubFor(get("/c").willReturn(aResponse().withFixedDelay(300).withBody("ok")));
		RequestTask task = request(RequestOptions.builder(url("/c")));
		assertThat(task.state()).isEqualTo(TaskState.QUEUED);
		gate.open();
		awaitArrival();
		assertThat(task.state()).isEqualTo(TaskState.RUNNING);
		await(task);
		assertThat(task.state()).isEqualTo(TaskState.SUCCEEDED);
	}

	@Test
	void eachTaskHasItsOwnStableId() throws Exception {
		stubOk();
		RequestTask first = request(RequestOptions.builder(url("/c")));
		RequestTask second = request(RequestOptions.builder(url("/c")));
		String id = first.id();
		await(first);
		await(second);
		assertThat(first.id()).isNotBlank().isEqualTo(id).isNotEqualTo(second.id());
	}

}
