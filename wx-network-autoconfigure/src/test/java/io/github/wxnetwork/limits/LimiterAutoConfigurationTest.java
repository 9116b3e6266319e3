package io.github.wxnetwork.limits;

import io.github.wxnetwork.WxErrno;
import java.util.ArrayList;
import java.util.List;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.springboot.bulkhead.autoconfigure.BulkheadAutoConfiguration;
import io.github.wxnetwork.RequestOptions;
import io.github.wxnetwork.RequestTask;
import io.github.wxnetwork.TaskState;
import io.github.wxnetwork.WxNetworkException;
import io.github.wxnetwork.WxRequestTemplate;
import io.github.wxnetwork.autoconfigure.WxNetworkAutoConfiguration;
import io.github.wxnetwork.TaskKind;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The limiter as the auto-configuration builds it: on Resilience4j's {@link BulkheadRegistry} when
 * its Spring Boot auto-configuration is there (so {@code resilience4j.bulkhead.instances.*} wins),
 * on its own registry otherwise.
 */
class LimiterAutoConfigurationTest extends LimitsTestBase {

	private final ApplicationContextRunner withResilience4j = new ApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(BulkheadAutoConfiguration.class, WxNetworkAutoConfiguration.class));

	private final ApplicationContextRunner withoutResilience4j = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WxNetworkAutoConfiguration.class));

	@Test
	void resilience4jInstancePropertyOverridesTheLimitAndTheRegistryShowsAllThreeBulkheads() {
		this.withResilience4j.withPropertyValues("resilience4j.bulkhead.instances.wx-request.max-concurrent-calls=3")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				BulkheadTaskLimiter limiter = (BulkheadTaskLimiter) context.getBean(TaskLimiter.class);
				assertThat(limiter.limit(TaskKind.REQUEST)).isEqualTo(3);
				assertThat(limiter.limit(TaskKind.UPLOAD)).isEqualTo(10);
				assertThat(limiter.limit(TaskKind.DOWNLOAD)).isEqualTo(10);
				BulkheadRegistry registry = context.getBean(BulkheadRegistry.class);
				assertThat(registry.getAllBulkheads()).extracting(Bulkhead::getName)
					.contains("wx-request", "wx-upload", "wx-download");
				assertThat(registry.bulkhead("wx-request").getBulkheadConfig().getMaxConcurrentCalls()).isEqualTo(3);

				// The overridden limit is the one tasks meet: three run, the fourth waits.
				WxRequestTemplate template = context.getBean(WxRequestTemplate.class);
				List<RequestTask> tasks = new ArrayList<>();
				for (int i = 1; i <= 4; i++) {
					tasks.add(template.request(options("/held", i).build()));
				}
				this.gauge.awaitArrivals(3);
				assertThat(tasks.get(3).state()).isEqualTo(TaskState.QUEUED);
				assertThat(limiter.running(TaskKind.REQUEST)).isEqualTo(3);
				assertThat(limiter.queued(TaskKind.REQUEST)).isEqualTo(1);
				assertThat(registry.bulkhead("wx-request").getMetrics().getAvailableConcurrentCalls()).isZero();
				this.gauge.open("held");
				for (RequestTask task : tasks) {
					success(task);
				}
				assertThat(this.gauge.max()).isEqualTo(3);
				assertThat(registry.bulkhead("wx-request").getMetrics().getAvailableConcurrentCalls()).isEqualTo(3);
			});
	}

	@Test
	void withoutAnInstancePropertyTheLimitIsMaxConcurrentTasks() {
		this.withResilience4j.withPropertyValues("wx.network.max-concurrent-tasks=4").run((context) -> {
			assertThat(context).hasNotFailed();
			BulkheadTaskLimiter limiter = (BulkheadTaskLimiter) context.getBean(TaskLimiter.class);
			for (TaskKind kind : TaskKind.values()) {
				assertThat(limiter.limit(kind)).as(kind.name()).isEqualTo(4);
			}
			BulkheadRegistry registry = context.getBean(BulkheadRegistry.class);
			assertThat(registry.getAllBulkheads()).extracting(Bulkhead::getName)
				.contains("wx-request", "wx-upload", "wx-download");
			assertThat(registry.bulkhead("wx-download").getBulkheadConfig().getMaxConcurrentCalls()).isEqualTo(4);
		});
	}

	@Test
	void withoutResilience4jAutoConfigurationTheLimiterBuildsItsOwnRegistryAndStillLimits() {
		this.withoutResilience4j
			.withPropertyValues("wx.network.max-concurrent-tasks=1", "wx.network.max-queue-wait=300ms")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).doesNotHaveBean(BulkheadRegistry.class);
				BulkheadTaskLimiter limiter = (BulkheadTaskLimiter) context.getBean(TaskLimiter.class);
				assertThat(limiter.limit(TaskKind.REQUEST)).isEqualTo(1);

				WxRequestTemplate template = context.getBean(WxRequestTemplate.class);
				RequestTask holder = template.request(options("/held", 1).build());
				this.gauge.awaitArrivals(1);
				RequestTask queued = template.request(options("/ok", 2).build());
				assertThat(queued.state()).isEqualTo(TaskState.QUEUED);
				assertThat(limiter.queued(TaskKind.REQUEST)).isEqualTo(1);
				WxNetworkException failure = awaitFailure(queued);
				assertThat(failure.errMsg()).isEqualTo("request:fail exceed max task count");
				assertThat(failure.errno()).isEqualTo(WxErrno.EXCEED_MAX_TASK_COUNT);

				this.gauge.open("held");
				success(holder);
				assertThat(limiter.running(TaskKind.REQUEST)).isZero();
				assertThat(limiter.queued(TaskKind.REQUEST)).isZero();
				assertThat(success(template.request(RequestOptions.builder(url("/ok")).build()))).isNotNull();
			});
	}

}
