package io.github.wxnetwork.resilience;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.wxnetwork.ExceptionInfo;
import io.github.wxnetwork.HeadersReceived;
import io.github.wxnetwork.RequestOptions;
import io.github.wxnetwork.RequestSuccess;
import io.github.wxnetwork.RequestTask;
import io.github.wxnetwork.TaskState;
import io.github.wxnetwork.UploadOptions;
import io.github.wxnetwork.UploadProgress;
import io.github.wxnetwork.UploadSuccess;
import io.github.wxnetwork.WxErrno;
import io.github.wxnetwork.WxMethod;
import io.github.wxnetwork.WxNetworkException;
import io.github.wxnetwork.support.TaskAwait;
import io.github.wxnetwork.support.TestWireMock;
import io.github.wxnetwork.support.WxTestKit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Retry of template requests against WireMock scenarios: which outcomes are tried again, how often, what
 * the listeners and the result see, and how a wait ends.
 */
class RetryTest {

	private static final long WAIT_SECONDS = 10;

	private WireMockServer server;

	private WxTestKit kit;

	@BeforeEach
	void startServer() {
		this.server = TestWireMock.start();
	}

	@AfterEach
	void stop() {
		if (this.kit != null) {
			this.kit.close();
		}
		this.server.stop();
	}

	/** Retry on, no waits between attempts unless a test says otherwise. */
	private static RetryProperties retry(int maxAttempts) {
		return new RetryProperties(maxAttempts, Duration.ZERO, 1.0, Duration.ofSeconds(5), null, null);
	}

	private WxTestKit kit(RetryProperties retry) {
		this.kit = WxTestKit.builder().retry(retry).build();
		return this.kit;
	}

	/** {@code /r} answers with {@code statuses} in turn, the last one for good. */
	private void answersInTurn(int... statuses) {
		for (int i = 0; i < statuses.length; i++) {
			String state = (i == 0) ? Scenario.STARTED : "attempt " + (i + 1);
			var response = aResponse().withStatus(statuses[i]).withBody("{\"attempt\":" + (i + 1) + "}");
			var stub = any(urlEqualTo("/r")).inScenario("turns").whenScenarioStateIs(state).willReturn(response);
			if (i + 1 < statuses.length) {
				stub = stub.willSetStateTo("attempt " + (i + 2));
			}
			this.server.stubFor(stub);
		}
	}

	private String url() {
		return this.server.baseUrl() + "/r";
	}

	@Test
	void a503IsRetriedAndOnlyTheAnsweringAttemptIsSeen() throws Exception {
		answersInTurn(503, 200);
		List<HeadersReceived> headers = new CopyOnWriteArrayList<>();
		RequestTask task = kit(retry(3)).requestTemplate()
			.request(RequestOptions.builder(url()).onHeadersReceived(headers::add).build());

		RequestSuccess result = TaskAwait.await(task, WAIT_SECONDS);

		assertThat(result.statusCode()).isEqualTo(200);
		assertThat(result.data()).isEqualTo(java.util.Map.of("attempt", 2));
		assertThat(headers).extracting(HeadersReceived::statusCode).containsExactly(200);
		assertThat(result.exception())
			.isEqualTo(new ExceptionInfo(1, List.of(new ExceptionInfo.Reason("request:fail http status 503", 0))));
		assertThat(TestWireMock.received(this.server)).hasSize(2);
	}

	@Test
	void aConnectionResetIsRetriedWithItsErrnoRemembered() throws Exception {
		this.server.stubFor(get(urlEqualTo("/r")).inScenario("reset").whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)).willSetStateTo("up"));
		this.server.stubFor(get(urlEqualTo("/r")).inScenario("reset").whenScenarioStateIs("up")
			.willReturn(aResponse().withBody("ok")));

		RequestSuccess result = TaskAwait.await(kit(retry(2)).requestTemplate().request(RequestOptions.builder(url()).build()),
				WAIT_SECONDS);

		assertThat(result.data()).isEqualTo("ok");
		assertThat(result.exception().retryCount()).isEqualTo(1);
		assertThat(result.exception().reasons()).singleElement()
			.satisfies((reason) -> assertThat(reason.errno()).isEqualTo(WxErrno.NETWORK_ERROR));
	}

	@Test
	void theLastAttemptsStatusIsTheResultWhenAttemptsRunOut() throws Exception {
		answersInTurn(503, 502, 504);

		RequestSuccess result = TaskAwait.await(kit(retry(3)).requestTemplate().request(RequestOptions.builder(url()).build()),
				WAIT_SECONDS);

		assertThat(result.statusCode()).isEqualTo(504);
		assertThat(result.exception().retryCount()).isEqualTo(2);
		assertThat(result.exception().reasons()).extracting(ExceptionInfo.Reason::errMsg)
			.containsExactly("request:fail http status 503", "request:fail http status 502");
		assertThat(TestWireMock.received(this.server)).hasSize(3);
	}

	@Test
	void connectionErrorsThatRunOutFailTheTaskWithEveryAttemptAttached() throws Exception {
		this.server.stubFor(get(urlEqualTo("/r")).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

		WxNetworkException failure = TaskAwait.awaitFailure(
				kit(retry(3)).requestTemplate().request(RequestOptions.builder(url()).build()), WAIT_SECONDS);

		assertThat(failure.errno()).isEqualTo(WxErrno.NETWORK_ERROR);
		assertThat(failure.exception().retryCount()).isEqualTo(2);
		assertThat(TestWireMock.received(this.server)).hasSize(3);
	}

	@Test
	void aPostIsNotRetriedByDefault() throws Exception {
		answersInTurn(503, 200);

		RequestSuccess result = TaskAwait.await(kit(retry(3)).requestTemplate()
			.request(RequestOptions.builder(url()).method(WxMethod.POST).data("x").build()), WAIT_SECONDS);

		assertThat(result.statusCode()).isEqualTo(503);
		assertThat(result.exception()).isEqualTo(ExceptionInfo.NONE);
		assertThat(TestWireMock.received(this.server)).hasSize(1);
	}

	@Test
	void methodsAndStatusesAreConfigurable() throws Exception {
		answersInTurn(429, 200);
		RetryProperties retry = retry(2);
		retry.setMethods(Set.of(WxMethod.POST));
		retry.setStatuses(Set.of(429));

		RequestSuccess result = TaskAwait.await(kit(retry).requestTemplate()
			.request(RequestOptions.builder(url()).method(WxMethod.POST).data("x").build()), WAIT_SECONDS);

		assertThat(result.statusCode()).isEqualTo(200);
		List<LoggedRequest> received = TestWireMock.received(this.server);
		assertThat(received).hasSize(2).allSatisfy((request) -> assertThat(request.getBodyAsString()).isEqualTo("x"));
	}

	@Test
	void aRetriedUploadSendsTheWholeFileAgainAndItsProgressOnlyRises(@TempDir Path dir) throws Exception {
		answersInTurn(503, 200);
		byte[] content = new byte[256 * 1024];
		new Random(7).nextBytes(content);
		Path file = Files.write(dir.resolve("photo.bin"), content);
		RetryProperties retry = retry(2);
		retry.setMethods(Set.of(WxMethod.POST));
		List<UploadProgress> progress = new CopyOnWriteArrayList<>();

		UploadSuccess result = TaskAwait.await(kit(retry).uploadTemplate()
			.uploadFile(UploadOptions.builder(url(), file, "photo").onProgressUpdate(progress::add).build()), WAIT_SECONDS);

		assertThat(result.statusCode()).isEqualTo(200);
		assertThat(result.exception().retryCount()).isEqualTo(1);
		assertThat(TestWireMock.received(this.server)).hasSize(2)
			.allSatisfy((request) -> assertThat(request.getPart("photo").getBody().asBytes()).isEqualTo(content));
		assertThat(progress).extracting(UploadProgress::progress).isSorted().doesNotHaveDuplicates().endsWith(100);
	}

	@Test
	void aTimeoutIsNotRetried() throws Exception {
		this.server.stubFor(get(urlEqualTo("/r")).willReturn(aResponse().withFixedDelay(5_000)));

		WxNetworkException failure = TaskAwait.awaitFailure(kit(retry(3)).requestTemplate()
			.request(RequestOptions.builder(url()).timeout(Duration.ofMillis(200)).build()), WAIT_SECONDS);

		assertThat(failure.errMsg()).isEqualTo("request:fail timeout");
		assertThat(TestWireMock.received(this.server)).hasSize(1);
	}

	@Test
	void aRedirectLoopIsNotRetried() throws Exception {
		this.server.stubFor(get(urlEqualTo("/r")).willReturn(aResponse().withStatus(302).withHeader("Location", "/r")));

		WxNetworkException failure = TaskAwait.awaitFailure(
				kit(retry(3)).requestTemplate().request(RequestOptions.builder(url()).build()), WAIT_SECONDS);

		assertThat(failure.errMsg()).isEqualTo("request:fail Too many follow-up requests: 21");
		assertThat(TestWireMock.received(this.server)).hasSize(21);
	}

	@Test
	void aRetryAfterOfDecadesKeepsTheResponse() throws Exception {
		// The largest OkHttp's own 503 handling reads without failing (it parses an int).
		this.server.stubFor(get(urlEqualTo("/r"))
			.willReturn(aResponse().withStatus(503).withHeader("Retry-After", "2147483647")));

		RequestSuccess result = TaskAwait.await(kit(retry(3)).requestTemplate().request(RequestOptions.builder(url()).build()),
				WAIT_SECONDS);

		assertThat(result.statusCode()).isEqualTo(503);
		assertThat(TestWireMock.received(this.server)).hasSize(1);
	}

	@Test
	void aStatusNotConfiguredIsTheResult() throws Exception {
		answersInTurn(500, 200);

		RequestSuccess result = TaskAwait.await(kit(retry(3)).requestTemplate().request(RequestOptions.builder(url()).build()),
				WAIT_SECONDS);

		assertThat(result.statusCode()).isEqualTo(500);
		assertThat(TestWireMock.received(this.server)).hasSize(1);
	}

	@Test
	void aPostIsNotResentByOkHttpOnA503WithRetryAfterZero() throws Exception {
		this.server.stubFor(any(urlEqualTo("/r")).inScenario("zero").whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withStatus(503).withHeader("Retry-After", "0")).willSetStateTo("up"));
		this.server.stubFor(any(urlEqualTo("/r")).inScenario("zero").whenScenarioStateIs("up")
			.willReturn(aResponse().withBody("ok")));

		RequestSuccess result = TaskAwait.await(kit(new RetryProperties()).requestTemplate()
			.request(RequestOptions.builder(url()).method(WxMethod.POST).data("x").build()), WAIT_SECONDS);

		assertThat(result.statusCode()).isEqualTo(503);
		assertThat(TestWireMock.received(this.server)).hasSize(1);
	}

	@Test
	void retryIsOffByDefault() throws Exception {
		answersInTurn(503, 200);

		RequestSuccess result = TaskAwait.await(kit(new RetryProperties()).requestTemplate()
			.request(RequestOptions.builder(url()).build()), WAIT_SECONDS);

		assertThat(result.statusCode()).isEqualTo(503);
		assertThat(TestWireMock.received(this.server)).hasSize(1);
	}

	@Test
	void aRetryAfterWithinMaxWaitIsWaitedFor() throws Exception {
		this.server.stubFor(get(urlEqualTo("/r")).inScenario("busy").whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withStatus(503).withHeader("Retry-After", "1")).willSetStateTo("free"));
		this.server.stubFor(get(urlEqualTo("/r")).inScenario("busy").whenScenarioStateIs("free")
			.willReturn(aResponse().withBody("ok")));

		RequestSuccess result = TaskAwait.await(kit(retry(2)).requestTemplate().request(RequestOptions.builder(url()).build()),
				WAIT_SECONDS);

		assertThat(result.statusCode()).isEqualTo(200);
		List<LoggedRequest> received = TestWireMock.received(this.server);
		// A lower bound only: the second request cannot come before the server's Retry-After.
		assertThat(received.get(1).getLoggedDate().toInstant())
			.isAfterOrEqualTo(received.get(0).getLoggedDate().toInstant().plus(1, ChronoUnit.SECONDS).minusMillis(20));
	}

	@Test
	void aRetryAfterLongerThanMaxWaitKeepsTheResponse() throws Exception {
		this.server.stubFor(get(urlEqualTo("/r"))
			.willReturn(aResponse().withStatus(503).withHeader("Retry-After", "120")));

		RequestSuccess result = TaskAwait.await(kit(retry(3)).requestTemplate().request(RequestOptions.builder(url()).build()),
				WAIT_SECONDS);

		assertThat(result.statusCode()).isEqualTo(503);
		assertThat(result.header()).containsEntry("Retry-After", "120");
		assertThat(TestWireMock.received(this.server)).hasSize(1);
	}

	@Test
	void anAbortDuringAWaitEndsTheTaskAtOnceAndNothingMoreIsSent() throws Exception {
		this.server.stubFor(get(urlEqualTo("/r")).willReturn(aResponse().withStatus(503)));
		RetryProperties retry = new RetryProperties(5, Duration.ofMinutes(1), 1.0, Duration.ofMinutes(1), null, null);
		List<HeadersReceived> headers = new CopyOnWriteArrayList<>();
		CountDownLatch waiting = retriesScheduled(kit(retry), 1);
		RequestTask task = this.kit.requestTemplate()
			.request(RequestOptions.builder(url()).timeout(Duration.ofMinutes(5)).onHeadersReceived(headers::add).build());
		assertThat(waiting.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();

		assertThat(task.state()).isEqualTo(TaskState.RUNNING);
		task.abort();
		WxNetworkException failure = TaskAwait.awaitFailure(task, WAIT_SECONDS);

		assertThat(failure.errMsg()).isEqualTo("request:fail abort");
		assertThat(failure.exception().retryCount()).isEqualTo(1);
		assertThat(task.state()).isEqualTo(TaskState.ABORTED);
		assertThat(headers).isEmpty();
		assertThat(TestWireMock.received(this.server)).hasSize(1);
		assertThat(this.kit.registry().size()).isZero();
	}

	@Test
	void theTimeoutBoundsEveryAttemptAndWait() throws Exception {
		this.server.stubFor(get(urlEqualTo("/r")).willReturn(aResponse().withStatus(503)));
		RetryProperties retry = new RetryProperties(100, Duration.ofMillis(200), 1.0, Duration.ofSeconds(5), null, null);

		RequestSuccess result = TaskAwait.await(kit(retry).requestTemplate()
			.request(RequestOptions.builder(url()).timeout(Duration.ofMillis(800)).build()), WAIT_SECONDS);

		// Waits of 100-300 ms within 800 ms: the task ends with the attempt before the deadline, long before 100.
		assertThat(result.statusCode()).isEqualTo(503);
		assertThat(result.exception().retryCount()).isBetween(1, 8);
		assertThat(TestWireMock.received(this.server)).hasSize(result.exception().retryCount() + 1);
	}

	@Test
	void aRetriedTaskKeepsItsIdAndShowsItsAttempt() throws Exception {
		this.server.stubFor(get(urlEqualTo("/r")).willReturn(aResponse().withStatus(503)));
		// A first wait of about a millisecond, then one of a minute: the task waits after its second attempt.
		RetryProperties retry = new RetryProperties(3, Duration.ofMillis(1), 60_000.0, Duration.ofMinutes(1), null, null);
		CountDownLatch secondWait = retriesScheduled(kit(retry), 2);
		RequestTask task = this.kit.requestTemplate()
			.request(RequestOptions.builder(url()).timeout(Duration.ofMinutes(5)).build());
		assertThat(secondWait.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();

		assertThat(this.kit.registry().find(task.id())).hasValueSatisfying((view) -> {
			assertThat(view.state()).isEqualTo(TaskState.RUNNING);
			assertThat(view.attempt()).isEqualTo(2);
		});
		assertThat(TestWireMock.received(this.server)).hasSize(2);
		task.abort();
		TaskAwait.awaitFailure(task, WAIT_SECONDS);
	}

	/** Counts down as Resilience4j schedules the request template's retries (just before the task waits). */
	private static CountDownLatch retriesScheduled(WxTestKit kit, int count) {
		CountDownLatch latch = new CountDownLatch(count);
		kit.retryRegistry().retry("wx-request").getEventPublisher().onRetry((event) -> latch.countDown());
		return latch;
	}

}
