package io.github.wxnetwork.actuate;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import io.github.resilience4j.springboot.retry.autoconfigure.RetryAutoConfiguration;
import io.github.resilience4j.springboot.retry.autoconfigure.RetryMetricsAutoConfiguration;
import io.github.wxnetwork.RequestOptions;
import io.github.wxnetwork.RequestTask;
import io.github.wxnetwork.TaskState;
import io.github.wxnetwork.WxRequestTemplate;
import io.github.wxnetwork.WxNetworkException;
import io.github.wxnetwork.autoconfigure.WxClientsAutoConfiguration;
import io.github.wxnetwork.autoconfigure.WxNetworkAutoConfiguration;
import io.github.wxnetwork.autoconfigure.WxNetworkObservationAutoConfiguration;
import io.github.wxnetwork.client.EnableWxClients;
import io.github.wxnetwork.client.WxClient;
import io.github.wxnetwork.engine.TaskObserver;
import io.micrometer.common.KeyValues;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.service.annotation.GetExchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The observation and the gauges as Boot wires them: Boot's meter observation handler turns each
 * task's observation into a {@code wx.network.tasks} timer with bounded tags, and the binder adds the
 * running / queued gauges.
 */
class WxNetworkObservationAutoConfigurationTest {

	private static final long WAIT = 10;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ObservationAutoConfiguration.class, MetricsAutoConfiguration.class,
				CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class,
				JacksonAutoConfiguration.class, WxNetworkAutoConfiguration.class,
				WxNetworkObservationAutoConfiguration.class))
		.withPropertyValues("wx.network.shutdown-grace=1s");

	private HeldServer server;

	@BeforeEach
	void startServer() throws IOException {
		this.server = new HeldServer();
	}

	@AfterEach
	void stopServer() {
		this.server.close();
	}

	@Test
	void finishedRequestIsATimerWithKindMethodOutcomeAndStatus() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(MicrometerTaskObserver.class).hasSingleBean(WxNetworkMeterBinder.class);
			context.getBean(WxRequestTemplate.class)
				.request(RequestOptions.builder(this.server.url("/fast?token=secret")).build())
				.toCompletableFuture()
				.get(WAIT, TimeUnit.SECONDS);

			MeterRegistry meters = context.getBean(MeterRegistry.class);
			Timer timer = meters.get("wx.network.tasks")
				.tags("kind", "request", "method", "GET", "outcome", "success", "status", "200")
				.timer();
			assertThat(timer.count()).isEqualTo(1);
			assertThat(timer.totalTime(TimeUnit.NANOSECONDS)).isPositive();
			Set<String> tagKeys = timer.getId().getTags().stream().map(Tag::getKey).collect(Collectors.toSet());
			assertThat(tagKeys).as("bounded cardinality: no url or id tag")
				.containsAll(Set.of("kind", "method", "outcome", "status"))
				.doesNotContain("url", "task.id");
			assertThat(meters.getMeters()).allSatisfy((meter) -> assertThat(meter.getId().getTags())
				.noneMatch((tag) -> tag.getValue().contains("secret") || tag.getValue().contains("/fast")));
		});
	}

	@Test
	void failedRequestIsATimerWithOutcomeFailAndNoStatus() {
		this.contextRunner.run((context) -> {
			int closedPort;
			try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
				closedPort = socket.getLocalPort();
			}
			RequestTask task = context.getBean(WxRequestTemplate.class)
				.request(RequestOptions.builder("http://127.0.0.1:" + closedPort + "/x").method("PUT").build());
			assertThatExceptionOfType(ExecutionException.class)
				.isThrownBy(() -> task.toCompletableFuture().get(WAIT, TimeUnit.SECONDS));

			Timer timer = context.getBean(MeterRegistry.class)
				.get("wx.network.tasks")
				.tags("kind", "request", "method", "PUT", "outcome", "fail", "status", "NONE")
				.timer();
			assertThat(timer.count()).isEqualTo(1);
		});
	}

	@Test
	void retriedRequestCountsItsAttemptsAndResilience4jListsTheRetry() {
		this.contextRunner
			.withConfiguration(AutoConfigurations.of(RetryAutoConfiguration.class, RetryMetricsAutoConfiguration.class))
			.withPropertyValues("wx.network.retry.max-attempts=3", "wx.network.retry.wait=0ms")
			.run((context) -> {
				int closedPort;
				try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
					closedPort = socket.getLocalPort();
				}
				RequestTask task = context.getBean(WxRequestTemplate.class)
					.request(RequestOptions.builder("http://127.0.0.1:" + closedPort + "/x").build());
				assertThatExceptionOfType(ExecutionException.class)
					.isThrownBy(() -> task.toCompletableFuture().get(WAIT, TimeUnit.SECONDS));

				MeterRegistry meters = context.getBean(MeterRegistry.class);
				assertThat(meters.get("wx.network.tasks").tags("outcome", "fail", "attempts", "3").timer().count())
					.isEqualTo(1);
				assertThat(meters.get("resilience4j.retry.calls")
					.tags("name", "wx-request", "kind", "failed_with_retry")
					.functionCounter()
					.count()).isEqualTo(1);
			});
	}

	@Test
	void abortedQueuedTaskIsATimerWithOutcomeAbort() {
		this.contextRunner.withPropertyValues("wx.network.max-concurrent-tasks=1").run((context) -> {
			WxRequestTemplate requests = context.getBean(WxRequestTemplate.class);
			RequestTask running = requests.request(RequestOptions.builder(this.server.url("/slow")).build());
			assertThat(this.server.awaitArrivals(1)).isTrue();
			RequestTask queued = requests.request(RequestOptions.builder(this.server.url("/slow")).build());
			assertThat(queued.state()).isEqualTo(TaskState.QUEUED);
			queued.abort();
			assertThatExceptionOfType(ExecutionException.class)
				.isThrownBy(() -> queued.toCompletableFuture().get(WAIT, TimeUnit.SECONDS));
			this.server.release();
			running.toCompletableFuture().get(WAIT, TimeUnit.SECONDS);

			MeterRegistry meters = context.getBean(MeterRegistry.class);
			assertThat(meters.get("wx.network.tasks").tags("outcome", "abort", "status", "NONE").timer().count())
				.isEqualTo(1);
			assertThat(meters.get("wx.network.tasks").tags("outcome", "success", "status", "200").timer().count())
				.isEqualTo(1);
		});
	}

	@Test
	void gaugesShowRunningAndQueuedPerKind() {
		this.contextRunner.withPropertyValues("wx.network.max-concurrent-tasks=1").run((context) -> {
			MeterRegistry meters = context.getBean(MeterRegistry.class);
			for (String kind : new String[] { "request", "upload", "download" }) {
				assertThat(meters.get("wx.network.tasks.running").tag("kind", kind).gauge().value()).isZero();
				assertThat(meters.get("wx.network.tasks.queued").tag("kind", kind).gauge().value()).isZero();
			}
			WxRequestTemplate requests = context.getBean(WxRequestTemplate.class);
			RequestTask running = requests.request(RequestOptions.builder(this.server.url("/slow")).build());
			assertThat(this.server.awaitArrivals(1)).isTrue();
			RequestTask queued1 = requests.request(RequestOptions.builder(this.server.url("/slow")).build());
			RequestTask queued2 = requests.request(RequestOptions.builder(this.server.url("/slow")).build());

			assertThat(meters.get("wx.network.tasks.running").tag("kind", "request").gauge().value()).isEqualTo(1);
			assertThat(meters.get("wx.network.tasks.queued").tag("kind", "request").gauge().value()).isEqualTo(2);
			assertThat(meters.get("wx.network.tasks.running").tag("kind", "download").gauge().value()).isZero();

			this.server.release();
			for (RequestTask task : new RequestTask[] { running, queued1, queued2 }) {
				task.toCompletableFuture().get(WAIT, TimeUnit.SECONDS);
			}
			assertThat(meters.get("wx.network.tasks.running").tag("kind", "request").gauge().value()).isZero();
			assertThat(meters.get("wx.network.tasks.queued").tag("kind", "request").gauge().value()).isZero();
		});
	}

	@Test
	void clientCallsAreTaggedWithTheClientAndUriTemplateAndTemplateCallsWithNone() {
		this.contextRunner.withConfiguration(AutoConfigurations.of(WxClientsAutoConfiguration.class))
			.withUserConfiguration(Clients.class)
			.withPropertyValues("test.url=" + this.server.url(""))
			.run((context) -> {
				Shop shop = context.getBean(Shop.class);
				assertThat(shop.fast("1")).isEqualTo(shop.fast("2"));
				context.getBean(WxRequestTemplate.class)
					.request(RequestOptions.builder(this.server.url("/fast")).build())
					.toCompletableFuture()
					.get(WAIT, TimeUnit.SECONDS);

				MeterRegistry meters = context.getBean(MeterRegistry.class);
				Timer client = meters.get("wx.network.tasks").tags("client", "shop", "uri", "/fast/{id}").timer();
				assertThat(client.count()).as("one series for every id: the template, not the URL").isEqualTo(2);
				assertThat(client.getId().getTag("errno")).isEqualTo("0");
				assertThat(meters.get("wx.network.tasks").tags("client", "none", "uri", "none").timer().count())
					.isEqualTo(1);

				shop.search(List.of("a"));
				shop.search(List.of("a", "b", "c"));
				assertThat(meters.get("wx.network.tasks").tags("client", "shop", "uri", "/fast/search").timer().count())
					.as("the mapping's path: no query, whatever its parameters, and no resolved placeholder")
					.isEqualTo(2);
				assertThat(meters.getMeters()).allSatisfy((meter) -> assertThat(meter.getId().getTags())
					.noneMatch((tag) -> tag.getValue().contains("secret") || tag.getValue().contains("queryParam")));
			});
	}

	@Test
	void aFailedTaskIsTaggedWithItsErrno() throws IOException {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			closedPort = socket.getLocalPort();
		}
		this.contextRunner.run((context) -> {
			RequestTask task = context.getBean(WxRequestTemplate.class)
				.request(RequestOptions.builder("http://127.0.0.1:" + closedPort + "/x").build());
			ExecutionException failed = catchThrowableOfType(ExecutionException.class,
					() -> task.toCompletableFuture().get(WAIT, TimeUnit.SECONDS));
			int errno = ((WxNetworkException) failed.getCause()).errno();
			assertThat(errno).isNotZero();
			Timer timer = context.getBean(MeterRegistry.class).get("wx.network.tasks").tag("outcome", "fail").timer();
			assertThat(timer.getId().getTag("errno")).isEqualTo(Integer.toString(errno));
		});
	}

	@Test
	void theQueueTimerRecordsHowLongEachTaskWaitedForItsSlot() {
		this.contextRunner.withPropertyValues("wx.network.max-concurrent-tasks=1").run((context) -> {
			WxRequestTemplate requests = context.getBean(WxRequestTemplate.class);
			RequestTask running = requests.request(RequestOptions.builder(this.server.url("/slow")).build());
			assertThat(this.server.awaitArrivals(1)).isTrue();
			RequestTask queued = requests.request(RequestOptions.builder(this.server.url("/slow")).build());
			long queuedBy = System.nanoTime();
			RequestTask aborted = requests.request(RequestOptions.builder(this.server.url("/slow")).build());
			aborted.abort();
			assertThatExceptionOfType(ExecutionException.class)
				.isThrownBy(() -> aborted.toCompletableFuture().get(WAIT, TimeUnit.SECONDS));
			// The queued task cannot take its slot before the running one is released.
			long heldAtLeast = System.nanoTime() - queuedBy;
			this.server.release();
			running.toCompletableFuture().get(WAIT, TimeUnit.SECONDS);
			queued.toCompletableFuture().get(WAIT, TimeUnit.SECONDS);

			MeterRegistry meters = context.getBean(MeterRegistry.class);
			Timer request = meters.get("wx.network.tasks.queue").tag("kind", "request").timer();
			assertThat(request.count()).as("each task once: started, or ended while queued").isEqualTo(3);
			assertThat(request.max(TimeUnit.NANOSECONDS)).as("the queued task waited while the first was held")
				.isGreaterThanOrEqualTo((double) heldAtLeast);
			assertThat(request.totalTime(TimeUnit.NANOSECONDS))
				.isGreaterThanOrEqualTo(request.max(TimeUnit.NANOSECONDS));
			assertThat(meters.get("wx.network.tasks.queue").tag("kind", "upload").timer().count()).isZero();
		});
	}

	@Test
	void anApplicationsObservationConventionReplacesTheDefault() {
		this.contextRunner.withUserConfiguration(TenantConvention.class).run((context) -> {
			context.getBean(WxRequestTemplate.class)
				.request(RequestOptions.builder(this.server.url("/fast")).build())
				.toCompletableFuture()
				.get(WAIT, TimeUnit.SECONDS);
			Timer timer = context.getBean(MeterRegistry.class)
				.get("wx.network.tasks")
				.tags("tenant", "acme", "kind", "request", "client", "none")
				.timer();
			assertThat(timer.count()).isEqualTo(1);
		});
	}

	@Test
	void withoutMicrometerMetricsTheObservationStillWorks() {
		new ApplicationContextRunner().withClassLoader(new FilteredClassLoader("io.micrometer.core"))
			.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, WxNetworkAutoConfiguration.class,
					WxNetworkObservationAutoConfiguration.class))
			.withBean(ObservationRegistry.class, ObservationRegistry::create)
			.run((context) -> {
				assertThat(context).hasNotFailed().hasSingleBean(MicrometerTaskObserver.class);
				assertThat(context.getBean(WxRequestTemplate.class)
					.request(RequestOptions.builder(this.server.url("/fast")).build())
					.toCompletableFuture()
					.get(WAIT, TimeUnit.SECONDS)
					.statusCode()).isEqualTo(200);
			});
	}

	// The package's test application scans @WxClient interfaces too: the default keeps it from needing test.url.
	@WxClient(name = "shop", url = "${test.url:http://127.0.0.1:9}")
	interface Shop {

		@GetExchange("/fast/{id}")
		String fast(@PathVariable String id);

		@GetExchange("/fast/search?appid=${test.appid:app-secret-1}")
		String search(@RequestParam List<String> tag);

	}

	@Configuration(proxyBeanMethods = false)
	@EnableWxClients(clients = Shop.class)
	static class Clients {

	}

	@Configuration(proxyBeanMethods = false)
	static class TenantConvention {

		@Bean
		WxTaskObservationConvention tenantConvention() {
			return new DefaultWxTaskObservationConvention() {

				@Override
				public KeyValues getLowCardinalityKeyValues(WxTaskObservationContext context) {
					return super.getLowCardinalityKeyValues(context).and("tenant", "acme");
				}

			};
		}

	}

	@Test
	void withoutObservationRegistryNothingIsObserved() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, WxNetworkAutoConfiguration.class,
					WxNetworkObservationAutoConfiguration.class))
			.run((context) -> {
				assertThat(context).hasNotFailed()
					.doesNotHaveBean(TaskObserver.class)
					.doesNotHaveBean(WxNetworkMeterBinder.class)
					.hasSingleBean(WxRequestTemplate.class);
				assertThat(context.getBean(WxRequestTemplate.class)
					.request(RequestOptions.builder(this.server.url("/fast")).build())
					.toCompletableFuture()
					.get(WAIT, TimeUnit.SECONDS)
					.statusCode()).isEqualTo(200);
			});
	}

	@Test
	void observationRegistryWithoutMetersGivesObserverButNoGauges() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(ObservationAutoConfiguration.class,
					JacksonAutoConfiguration.class, WxNetworkAutoConfiguration.class,
					WxNetworkObservationAutoConfiguration.class))
			.run((context) -> assertThat(context).hasSingleBean(ObservationRegistry.class)
				.hasSingleBean(MicrometerTaskObserver.class)
				.doesNotHaveBean(WxNetworkMeterBinder.class));
	}

	@Test
	void userTaskObserverReplacesOurs() {
		this.contextRunner.withUserConfiguration(UserObserverConfiguration.class).run((context) -> {
			assertThat(context).doesNotHaveBean(MicrometerTaskObserver.class)
				.hasSingleBean(TaskObserver.class)
				.doesNotHaveBean(QueueTimers.class);
			context.getBean(WxRequestTemplate.class)
				.request(RequestOptions.builder(this.server.url("/fast")).build())
				.toCompletableFuture()
				.get(WAIT, TimeUnit.SECONDS);
			assertThat(context.getBean(UserObserverConfiguration.class).started).hasValue(1);
			assertThat(context.getBean(MeterRegistry.class).find("wx.network.tasks").timer()).isNull();
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class UserObserverConfiguration {

		final java.util.concurrent.atomic.AtomicInteger started = new java.util.concurrent.atomic.AtomicInteger();

		@Bean
		TaskObserver userTaskObserver() {
			return (task) -> {
				this.started.incrementAndGet();
				return TaskObserver.Scope.NONE;
			};
		}

	}

}
