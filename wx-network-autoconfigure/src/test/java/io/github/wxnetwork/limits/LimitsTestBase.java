package io.github.wxnetwork.limits;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.extension.Parameters;
import com.github.tomakehurst.wiremock.extension.ResponseTransformerV2;
import com.github.tomakehurst.wiremock.http.Response;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.wxnetwork.RequestOptions;
import io.github.wxnetwork.RequestSuccess;
import io.github.wxnetwork.RequestTask;
import io.github.wxnetwork.TaskKind;
import io.github.wxnetwork.WxNetworkException;
import io.github.wxnetwork.WxTask;
import io.github.wxnetwork.support.Arrivals;
import io.github.wxnetwork.support.TaskAwait;
import io.github.wxnetwork.support.WxTestKit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the limiter tests share: a WireMock server whose stubs go through {@link ServerGauge} (it
 * counts the requests inside the server at once and records who arrived, in order), stubs that are
 * slow or held on a gate, and a {@link WxTestKit} with a {@link BulkheadTaskLimiter}.
 */
abstract class LimitsTestBase {

	/** The most any single wait may take; a hang fails the test instead of the build. */
	static final long WAIT_SECONDS = 15;

	/** The header every test request carries: its submission index. */
	static final String TASK_HEADER = "x-task";

	/** How long {@code /slow} takes at the server. */
	static final int SLOW_MILLIS = 300;

	final ServerGauge gauge = new ServerGauge();

	WireMockServer server;

	BulkheadRegistry bulkheads;

	WxTestKit kit;

	@BeforeEach
	void startServer() {
		// Enough Jetty threads for every request the tests hold inside the server at once.
		this.server = new WireMockServer(wireMockConfig().dynamicPort().containerThreads(100).extensions(this.gauge));
		this.server.start();
		stub("/ok", Map.of());
		stub("/slow", Map.of("delayMs", SLOW_MILLIS));
		stub("/held", Map.of("gate", "held"));
		stub("/held2", Map.of("gate", "held2"));
	}

	@AfterEach
	void stopServer() {
		this.gauge.openAll();
		if (this.kit != null) {
			this.kit.close();
		}
		this.server.stop();
	}

	/** A stub on {@code path} answering 200 {"ok":true} through the gauge, with its parameters. */
	void stub(String path, Map<String, Object> gaugeParameters) {
		this.server.stubFor(any(urlPathEqualTo(path)).willReturn(aResponse().withStatus(200)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"ok\":true}")
			.withTransformers(ServerGauge.NAME)
			.withTransformerParameters(gaugeParameters)));
	}

	/** Uses a kit whose limiter is a {@link BulkheadTaskLimiter} on a fresh registry. */
	WxTestKit useKit(int maxConcurrentTasks, Duration maxQueueWait) {
		return useKit(WxTestKit.builder(), maxConcurrentTasks, maxQueueWait);
	}

	WxTestKit useKit(WxTestKit.Builder builder, int maxConcurrentTasks, Duration maxQueueWait) {
		return useKit(BulkheadRegistry.ofDefaults(), builder, maxConcurrentTasks, maxQueueWait);
	}

	WxTestKit useKit(BulkheadRegistry registry, WxTestKit.Builder builder, int maxConcurrentTasks,
			Duration maxQueueWait) {
		if (this.kit != null) {
			this.kit.close();
		}
		this.bulkheads = registry;
		this.kit = builder.bulkheadLimiter(this.bulkheads, maxConcurrentTasks, maxQueueWait).build();
		return this.kit;
	}

	BulkheadTaskLimiter limiter() {
		return this.kit.bulkheadLimiter();
	}

	Bulkhead bulkhead(TaskKind kind) {
		return this.bulkheads.bulkhead(BulkheadTaskLimiter.bulkheadName(kind));
	}

	String url(String path) {
		return "http://localhost:" + this.server.port() + path;
	}

	RequestOptions.Builder options(String path, int index) {
		return RequestOptions.builder(url(path)).header(TASK_HEADER, Integer.toString(index));
	}

	RequestTask request(String path, int index) {
		return request(options(path, index));
	}

	RequestTask request(RequestOptions.Builder options) {
		return this.kit.requestTemplate().request(options.build());
	}

	static <R> R await(WxTask<R> task) throws Exception {
		return TaskAwait.await(task, WAIT_SECONDS);
	}

	/** Waits for the task to fail and returns why; fails the test if it succeeded or hung. */
	static WxNetworkException awaitFailure(WxTask<?> task) throws InterruptedException, TimeoutException {
		return TaskAwait.awaitFailure(task, WAIT_SECONDS);
	}

	static RequestSuccess success(RequestTask task) throws Exception {
		RequestSuccess success = await(task);
		assertThat(success.statusCode()).isEqualTo(200);
		return success;
	}

	/**
	 * The end state every scenario must come back to: no permit held or leaked in any kind's
	 * bulkhead, nobody queued, no task left in the registry.
	 */
	void assertIdle() {
		for (TaskKind kind : TaskKind.values()) {
			Bulkhead bulkhead = bulkhead(kind);
			assertThat(bulkhead.getMetrics().getAvailableConcurrentCalls()).as("free permits of " + kind)
				.isEqualTo(bulkhead.getBulkheadConfig().getMaxConcurrentCalls());
			assertThat(limiter().running(kind)).as("running " + kind).isZero();
			assertThat(limiter().queued(kind)).as("queued " + kind).isZero();
		}
		assertThat(this.kit.registry().active()).as("tasks still registered").isEmpty();
	}

	/**
	 * A WireMock response transformer that measures, at the server, how many requests are inside it
	 * at once: it counts a request in when WireMock hands it over and out just before the response
	 * leaves, so a client can never have seen the response (and started another task) while the
	 * request is still counted. The stub's slowness ({@code delayMs}, like {@code withFixedDelay})
	 * and gates ({@code gate}: held until the test opens it) happen inside the counted section.
	 */
	static final class ServerGauge implements ResponseTransformerV2 {

		static final String NAME = "gauge";

		private final AtomicInteger current = new AtomicInteger();

		private final AtomicInteger max = new AtomicInteger();

		private final List<Arrival> arrivals = new CopyOnWriteArrayList<>();

		/** When each response left, as an {@link Arrival} at that moment. */
		private final List<Arrival> departures = new CopyOnWriteArrayList<>();

		/** Counted here, in the transformer, so an awaited request is already counted in {@link #current()}. */
		private final Arrivals arrived = new Arrivals(WAIT_SECONDS);

		private final Map<String, CountDownLatch> gates = new ConcurrentHashMap<>();

		@Override
		public Response transform(Response response, ServeEvent serveEvent) {
			int now = this.current.incrementAndGet();
			this.max.accumulateAndGet(now, Math::max);
			String url = serveEvent.getRequest().getUrl();
			String header = serveEvent.getRequest().getHeader(TASK_HEADER);
			int index = (header != null) ? Integer.parseInt(header) : -1;
			try {
				this.arrivals.add(new Arrival(url, index, System.nanoTime()));
				this.arrived.arrived();
				Parameters parameters = serveEvent.getTransformerParameters();
				if (parameters.containsKey("delayMs")) {
					Thread.sleep(parameters.getInt("delayMs"));
				}
				if (parameters.containsKey("gate")) {
					if (!gate(parameters.getString("gate")).await(60, TimeUnit.SECONDS)) {
						throw new IllegalStateException("gate " + parameters.getString("gate") + " never opened");
					}
				}
				return response;
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return response;
			}
			finally {
				this.departures.add(new Arrival(url, index, System.nanoTime()));
				this.current.decrementAndGet();
			}
		}

		@Override
		public boolean applyGlobally() {
			return false;
		}

		@Override
		public String getName() {
			return NAME;
		}

		CountDownLatch gate(String name) {
			return this.gates.computeIfAbsent(name, (n) -> new CountDownLatch(1));
		}

		void open(String gate) {
			gate(gate).countDown();
		}

		void openAll() {
			this.gates.values().forEach(CountDownLatch::countDown);
		}

		/** Waits until {@code count} more requests have reached the server. */
		void awaitArrivals(int count) throws InterruptedException {
			this.arrived.awaitArrivals(count);
		}

		int current() {
			return this.current.get();
		}

		int max() {
			return this.max.get();
		}

		List<Arrival> arrivals() {
			return new ArrayList<>(this.arrivals);
		}

		/** Forgets every request seen so far (none may be inside the server). */
		void reset() {
			this.arrivals.clear();
			this.departures.clear();
			this.max.set(this.current.get());
		}

		List<Arrival> departures() {
			return new ArrayList<>(this.departures);
		}

		/** Submission indexes in order of arrival at the server, for one path. */
		List<Integer> arrivalOrder(String path) {
			return arrivals().stream().filter((a) -> a.path().equals(path)).map(Arrival::index).toList();
		}

	}

	/** One request as the server saw it arrive. */
	record Arrival(String path, int index, long nanos) {

		Arrival {
			int query = path.indexOf('?');
			path = (query >= 0) ? path.substring(0, query) : path;
		}

	}

}
