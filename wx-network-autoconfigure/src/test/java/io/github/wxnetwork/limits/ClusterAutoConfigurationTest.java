package io.github.wxnetwork.limits;

import io.github.wxnetwork.TaskKind;
import io.github.wxnetwork.actuate.WxNetworkHealthIndicator;
import io.github.wxnetwork.actuate.WxNetworkMeterBinder;
import io.github.wxnetwork.autoconfigure.WxNetworkAutoConfiguration;
import io.github.wxnetwork.autoconfigure.WxNetworkClusterAutoConfiguration;
import io.github.wxnetwork.autoconfigure.WxNetworkHealthAutoConfiguration;
import io.github.wxnetwork.limits.cluster.ClusterTaskLimiter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.redisson.api.RedissonClient;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which limiter the auto-configuration makes: the cluster's only with {@code wx.network.cluster.enabled}, Redisson
 * and a {@link RedissonClient} bean, and a clear start-up failure when one of those is missing.
 */
class ClusterAutoConfigurationTest extends ClusterTestBase {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WxNetworkClusterAutoConfiguration.class,
				WxNetworkAutoConfiguration.class, WxNetworkHealthAutoConfiguration.class));

	@Test
	void withoutTheClusterPropertyTheLimitIsTheInstancesOwnEvenWithARedissonClient() {
		this.runner.withBean(RedissonClient.class, () -> this.observer).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(TaskLimiter.class)).isInstanceOf(BulkheadTaskLimiter.class);
			assertThat(context.getBean(TaskLimiter.class).clusterRunning(TaskKind.REQUEST)).isEqualTo(-1);
			assertThat(context).doesNotHaveBean(WxNetworkHealthIndicator.class);
			assertThat(gauges(context.getBean(TaskLimiter.class))).isZero();
		});
	}

	@Test
	void withoutRedissonOnTheClasspathNothingChanges() {
		this.runner.withClassLoader(new FilteredClassLoader("org.redisson")).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(TaskLimiter.class)).isInstanceOf(BulkheadTaskLimiter.class);
			assertThat(context).doesNotHaveBean(WxNetworkHealthIndicator.class);
		});
	}

	@Test
	void theClusterPropertyWithoutRedissonOnTheClasspathFailsNamingIt() {
		this.runner.withClassLoader(new FilteredClassLoader("org.redisson"))
			.withPropertyValues("wx.network.cluster.enabled=true")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("wx.network.cluster.enabled")
				.hasMessageContaining("Redisson (org.redisson:redisson) on the classpath"));
	}

	@Test
	void theClusterPropertyWithoutARedissonClientBeanFailsNamingIt() {
		this.runner.withPropertyValues("wx.network.cluster.enabled=true")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("wx.network.cluster.enabled")
				.hasMessageContaining("needs one RedissonClient bean"));
	}

	@Test
	void aNegativeLeaseMarginFailsNamingTheProperty() {
		this.runner.withBean(RedissonClient.class, () -> this.observer)
			.withPropertyValues("wx.network.cluster.enabled=true", "wx.network.cluster.lease-margin=-1s")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("wx.network.cluster.lease-margin"));
	}

	@Test
	void theClusterPropertyWithARedissonClientMakesTheClusterLimiterItsHealthAndItsGauges() {
		this.runner.withBean(RedissonClient.class, () -> this.observer)
			.withPropertyValues("wx.network.cluster.enabled=true", "wx.network.max-concurrent-tasks=4",
					"wx.network.cluster.name=orders")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				ClusterTaskLimiter limiter = context.getBean(ClusterTaskLimiter.class);
				assertThat(limiter.limit(TaskKind.UPLOAD)).isEqualTo(4);
				assertThat(limiter.clusterRunning(TaskKind.UPLOAD)).isZero();
				assertThat(this.observer.getPermitExpirableSemaphore("orders:upload").availablePermits()).isEqualTo(4);
				assertThat(context.getBean(WxNetworkHealthIndicator.class).health(true).getDetails())
					.containsEntry("cluster", "orders")
					.containsEntry("download", "0 of 4 running across the cluster");
				assertThat(gauges(limiter)).isEqualTo(3);
			});
	}

	@Test
	void theHealthIndicatorCanBeTurnedOff() {
		this.runner.withBean(RedissonClient.class, () -> this.observer)
			.withPropertyValues("wx.network.cluster.enabled=true", "management.health.wxnetwork.enabled=false")
			.run((context) -> {
				assertThat(context).hasSingleBean(ClusterTaskLimiter.class);
				assertThat(context).doesNotHaveBean(WxNetworkHealthIndicator.class);
			});
	}

	@Test
	void anApplicationsOwnTaskLimiterWinsOverTheClusterLimiter() {
		this.runner.withBean(RedissonClient.class, () -> this.observer)
			.withBean(TaskLimiter.class, TaskLimiter::unlimited)
			.withPropertyValues("wx.network.cluster.enabled=true")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(TaskLimiter.class)).isInstanceOf(UnlimitedTaskLimiter.class);
				assertThat(context).doesNotHaveBean(WxNetworkHealthIndicator.class);
			});
	}

	/** How many {@code wx.network.tasks.cluster.running} gauges the meter binder registers for this limiter. */
	private static int gauges(TaskLimiter limiter) {
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		new WxNetworkMeterBinder(limiter).bindTo(registry);
		return registry.find("wx.network.tasks.cluster.running").gauges().size();
	}

}
