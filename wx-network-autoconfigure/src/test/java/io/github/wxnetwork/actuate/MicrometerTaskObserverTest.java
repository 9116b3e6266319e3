package io.github.wxnetwork.actuate;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.github.wxnetwork.DownloadOptions;
import io.github.wxnetwork.RequestOptions;
import io.github.wxnetwork.RequestTask;
import io.github.wxnetwork.UploadOptions;
import io.github.wxnetwork.WxErrno;
import io.github.wxnetwork.WxNetworkException;
import io.github.wxnetwork.WxTask;
import io.github.wxnetwork.support.TaskAwait;
import io.github.wxnetwork.support.WxTestKit;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.transport.SenderContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.micrometer.observation.tck.TestObservationRegistryAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link MicrometerTaskObserver} on the engine without Spring: one observation per task, from the
 * template call to its end, with the outcome and status of how it ended, and the propagation carrier sent
 * as request headers.
 */
class MicrometerTaskObserverTest {

	private static final long WAIT = 10;

	@TempDir
	Path dir;

	private final TestObservationRegistry observations = TestObservationRegistry.create();

	/** How often each task's observation started and stopped. */
	private final LifecycleCounter lifecycle = new LifecycleCounter();

	private WireMockServer wiremock;

	private HeldServer held;

	private WxTestKit kit;

	@BeforeEach
	void start() throws IOException {
		this.wiremock = new WireMockServer(wireMockConfig().dynamicPort().gzipDisabled(true));
		this.wiremock.start();
		this.wiremock.stubFor(get(urlPathEqualTo("/ok")).willReturn(aResponse().withStatus(200).withBody("{\"a\":1}")));
		this.wiremock.stubFor(get(urlPathEqualTo("/missing")).willReturn(aResponse().withStatus(404).withBody("no")));
		this.wiremock.stubFor(get(urlPathEqualTo("/file")).willReturn(aResponse().withStatus(200).withBody(new byte[2048])));
		this.wiremock.stubFor(post(urlPathEqualTo("/upload")).willReturn(aResponse().withStatus(201).withBody("up")));
		this.held = new HeldServer();
		this.observations.observationConfig().observationHandler(this.lifecycle);
		this.kit = kit(new MicrometerTaskObserver(this.observations));
	}

	@AfterEach
	void stop() {
		this.held.close();
		this.kit.close();
		this.wiremock.stop();
	}

	private WxTestKit kit(MicrometerTaskObserver observer) {
		return WxTestKit.builder()
			.observer(observer)
			.tempDir(this.dir.resolve("tmp"))
			.defaultTimeout(Duration.ofSeconds(WAIT))
			.build();
	}

	@Test
	void successfulRequestIsOneStoppedObservationWithItsTags() throws Exception {
		RequestTask task = this.kit.requestTemplate()
			.request(RequestOptions.builder(this.wiremock.baseUrl() + "/ok?token=secret").build());
		await(task);

		assertThat(this.observations).hasNumberOfObservationsWithNameEqualTo(MicrometerTaskObserver.NAME, 1)
			.hasSingleObservationThat()
			.hasNameEqualTo("wx.network.tasks")
			.hasContextualNameEqualTo("wx request GET")
			.hasBeenStarted()
			.hasBeenStopped()
			.doesNotHaveError()
			.hasLowCardinalityKeyValue("kind", "request")
			.hasLowCardinalityKeyValue("method", "GET")
			.hasLowCardinalityKeyValue("outcome", "success")
			.hasLowCardinalityKeyValue("status", "200")
			.hasHighCardinalityKeyValue("url", "http://localhost:" + this.wiremock.port() + "/ok?token=***")
			.hasHighCardinalityKeyValue("task.id", task.id())
			.doesNotHaveLowCardinalityKeyValueWithKey("url");
	}

	@Test
	void httpErrorStatusIsASuccessWithThatStatus() throws Exception {
		await(this.kit.requestTemplate()
			.request(RequestOptions.builder(this.wiremock.baseUrl() + "/missing").method("post").build()));

		assertThat(this.observations).hasSingleObservationThat()
			.hasBeenStopped()
			.doesNotHaveError()
			.hasLowCardinalityKeyValue("method", "POST")
			.hasLowCardinalityKeyValue("outcome", "success")
			.hasLowCardinalityKeyValue("status", "404");
	}

	@Test
	void connectionRefusedIsAFailWithoutStatus() throws Exception {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			closedPort = socket.getLocalPort();
		}
		WxNetworkException failure = awaitFailure(this.kit.requestTemplate()
			.request(RequestOptions.builder("http://127.0.0.1:" + closedPort + "/x").build()));
		assertThat(failure.errno()).isEqualTo(WxErrno.NETWORK_ERROR);

		assertThat(this.observations).hasSingleObservationThat()
			.hasBeenStopped()
			.hasError()
			.hasLowCardinalityKeyValue("kind", "request")
			.hasLowCardinalityKeyValue("outcome", "fail")
			.hasLowCardinalityKeyValue("status", "NONE");
	}

	@Test
	void abortedRequestHasOutcomeAbortAndIsNotAnError() throws Exception {
		RequestTask task = this.kit.requestTemplate().request(RequestOptions.builder(this.held.url("/slow")).build());
		assertThat(this.held.awaitArrivals(1)).isTrue();
		task.abort();
		assertThat(awaitFailure(task).errMsg()).isEqualTo("request:fail abort");

		assertThat(this.observations).hasSingleObservationThat()
			.hasBeenStopped()
			.doesNotHaveError()
			.hasLowCardinalityKeyValue("outcome", "abort")
			.hasLowCardinalityKeyValue("status", "NONE");
	}

	@Test
	void timedOutRequestHasOutcomeTimeout() throws Exception {
		RequestTask task = this.kit.requestTemplate()
			.request(RequestOptions.builder(this.held.url("/slow")).timeout(Duration.ofMillis(300)).build());
		assertThat(awaitFailure(task).errMsg()).isEqualTo("request:fail timeout");

		assertThat(this.observations).hasSingleObservationThat()
			.hasBeenStopped()
			.hasError()
			.hasLowCardinalityKeyValue("outcome", "timeout")
			.hasLowCardinalityKeyValue("status", "NONE");
	}

	@Test
	void invalidOptionsStillEndTheirObservation() throws Exception {
		awaitFailure(this.kit.requestTemplate().request(RequestOptions.builder("not a url").build()));

		assertThat(this.observations).hasSingleObservationThat()
			.hasBeenStarted()
			.hasBeenStopped()
			.hasLowCardinalityKeyValue("outcome", "fail")
			.hasLowCardinalityKeyValue("status", "NONE")
			.hasHighCardinalityKeyValue("url", "(invalid url)");
	}

	@Test
	void unknownMethodIsTaggedUnknownNotWithTheCallersText() throws Exception {
		awaitFailure(this.kit.requestTemplate()
			.request(RequestOptions.builder(this.wiremock.baseUrl() + "/ok").method("user-supplied-42").build()));

		assertThat(this.observations).hasSingleObservationThat()
			.hasBeenStopped()
			.hasLowCardinalityKeyValue("method", "UNKNOWN")
			.hasLowCardinalityKeyValue("outcome", "fail");
	}

	@Test
	void downloadAndUploadAreObservedWithTheirKindAndMethod() throws Exception {
		await(this.kit.downloadTemplate().downloadFile(DownloadOptions.builder(this.wiremock.baseUrl() + "/file").build()));
		Path source = Files.write(this.dir.resolve("source.bin"), new byte[512]);
		await(this.kit.uploadTemplate()
			.uploadFile(UploadOptions.builder(this.wiremock.baseUrl() + "/upload", source, "file").build()));

		assertThat(this.observations).hasNumberOfObservationsWithNameEqualTo(MicrometerTaskObserver.NAME, 2)
			.hasAnObservation((o) -> o.hasLowCardinalityKeyValue("kind", "download")
				.hasLowCardinalityKeyValue("method", "GET")
				.hasLowCardinalityKeyValue("outcome", "success")
				.hasLowCardinalityKeyValue("status", "200"))
			.hasAnObservation((o) -> o.hasLowCardinalityKeyValue("kind", "upload")
				.hasLowCardinalityKeyValue("method", "POST")
				.hasLowCardinalityKeyValue("outcome", "success")
				.hasLowCardinalityKeyValue("status", "201"));
		assertThat(this.lifecycle.stops.values()).hasSize(2).allSatisfy((stops) -> assertThat(stops).hasValue(1));
	}

	@Test
	void everyTaskHasExactlyOneObservation() throws Exception {
		List<WxTask<?>> tasks = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			tasks.add(this.kit.requestTemplate().request(RequestOptions.builder(this.wiremock.baseUrl() + "/ok").build()));
			tasks.add(this.kit.requestTemplate()
				.request(RequestOptions.builder(this.wiremock.baseUrl() + "/missing").build()));
		}
		for (WxTask<?> task : tasks) {
			await(task);
		}
		assertThat(this.observations).hasNumberOfObservationsWithNameEqualTo(MicrometerTaskObserver.NAME, 10);
		assertThat(tasks.stream().map(WxTask::id).distinct()).hasSize(10);
		for (WxTask<?> task : tasks) {
			assertThat(this.observations).hasAnObservation((o) -> o.hasHighCardinalityKeyValue("task.id", task.id()));
			assertThat(this.lifecycle.starts.get(task.id())).as("starts of " + task.id()).hasValue(1);
			assertThat(this.lifecycle.stops.get(task.id())).as("stops of " + task.id()).hasValue(1);
		}
	}

	@Test
	void headersPutIntoTheCarrierReachTheServer() throws Exception {
		ObservationRegistry registry = ObservationRegistry.create();
		List<String> started = new CopyOnWriteArrayList<>();
		registry.observationConfig().observationHandler(new ObservationHandler<SenderContext<Object>>() {

			@Override
			public void onStart(SenderContext<Object> context) {
				started.add(context.getName());
				context.getSetter().set(context.getCarrier(), "traceparent",
						"00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
				context.getSetter().set(context.getCarrier(), "tracestate", "wx=1");
			}

			@Override
			public boolean supportsContext(Observation.Context context) {
				return context instanceof SenderContext;
			}

		});
		this.kit.close();
		this.kit = kit(new MicrometerTaskObserver(registry));

		await(this.kit.requestTemplate()
			.request(RequestOptions.builder(this.wiremock.baseUrl() + "/ok").header("X-User", "kept").build()));

		assertThat(started).containsExactly(MicrometerTaskObserver.NAME);
		this.wiremock.verify(exactly(1),
				getRequestedFor(urlPathEqualTo("/ok"))
					.withHeader("traceparent", equalTo("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"))
					.withHeader("tracestate", equalTo("wx=1"))
					.withHeader("X-User", equalTo("kept")));
	}

	@Test
	void noopRegistryAddsNoHeaders() throws Exception {
		this.kit.close();
		this.kit = kit(new MicrometerTaskObserver(ObservationRegistry.NOOP));
		await(this.kit.requestTemplate().request(RequestOptions.builder(this.wiremock.baseUrl() + "/ok").build()));
		this.wiremock.verify(exactly(1), getRequestedFor(urlPathEqualTo("/ok")).withHeader("traceparent", absent()));
	}

	/** Counts starts and stops per task id. */
	static final class LifecycleCounter implements ObservationHandler<WxTaskObservationContext> {

		final Map<String, AtomicInteger> starts = new ConcurrentHashMap<>();

		final Map<String, AtomicInteger> stops = new ConcurrentHashMap<>();

		@Override
		public void onStart(WxTaskObservationContext context) {
			this.starts.computeIfAbsent(context.task().id(), (id) -> new AtomicInteger()).incrementAndGet();
		}

		@Override
		public void onStop(WxTaskObservationContext context) {
			this.stops.computeIfAbsent(context.task().id(), (id) -> new AtomicInteger()).incrementAndGet();
		}

		@Override
		public boolean supportsContext(Observation.Context context) {
			return context instanceof WxTaskObservationContext;
		}

	}

	private static <R> R await(WxTask<R> task) throws Exception {
		return task.toCompletableFuture().get(WAIT, TimeUnit.SECONDS);
	}

	private static WxNetworkException awaitFailure(WxTask<?> task) throws InterruptedException, TimeoutException {
		return TaskAwait.awaitFailure(task, WAIT);
	}

}
