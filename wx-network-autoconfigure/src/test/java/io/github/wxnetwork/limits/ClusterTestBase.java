package io.github.wxnetwork.limits;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import io.github.wxnetwork.RequestTask;
import io.github.wxnetwork.TaskKind;
import io.github.wxnetwork.WxRequestTemplate;
import io.github.wxnetwork.actuate.WxNetworkHealthIndicator;
import io.github.wxnetwork.autoconfigure.WxNetworkAutoConfiguration;
import io.github.wxnetwork.autoconfigure.WxNetworkClusterAutoConfiguration;
import io.github.wxnetwork.autoconfigure.WxNetworkHealthAutoConfiguration;
import io.github.wxnetwork.limits.cluster.ClusterTaskLimiter;
import io.github.wxnetwork.support.RedisServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.redisson.api.RPermitExpirableSemaphore;
import org.redisson.api.RedissonClient;

import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.health.contributor.Health;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

/**
 * What the cluster-limit tests share: a real Redis started for each test, application contexts ("instances")
 * sharing it, each with its own Redisson client, and a Redisson client of the test's own to see what Redis holds.
 */
abstract class ClusterTestBase extends LimitsTestBase {

	RedisServer redis;

	RedissonClient observer;

	private final List<Instance> instances = new ArrayList<>();

	@BeforeEach
	void startRedis() throws Exception {
		this.redis = RedisServer.start();
		this.observer = this.redis.client();
	}

	@AfterEach
	void stopInstancesAndRedis() throws Exception {
		this.gauge.openAll();
		for (Instance instance : this.instances) {
			instance.close();
		}
		if (this.observer != null) {
			this.observer.shutdown();
		}
		if (this.redis != null) {
			this.redis.close();
		}
	}

	/**
	 * Starts an instance with the cluster limit on (the properties may turn it off), checking Redis every 200ms.
	 */
	Instance instance(String... properties) {
		String[] all = Stream.concat(Stream.of("wx.network.cluster.enabled=true",
				"wx.network.cluster.health-check-interval=200ms", "wx.network.max-concurrent-tasks=3"),
				Stream.of(properties))
			.toArray(String[]::new);
		RedissonClient redisson = redisson(this.redis);
		ConfigurableApplicationContext context = new SpringApplicationBuilder(ClusterApp.class)
			.web(WebApplicationType.NONE)
			.bannerMode(Banner.Mode.OFF)
			.logStartupInfo(false)
			.properties(all)
			.initializers((initialized) -> initialized.getBeanFactory().registerSingleton("redisson", redisson))
			.run();
		Instance instance = new Instance(context, redisson);
		this.instances.add(instance);
		return instance;
	}

	/** The Redisson client of a new instance: Redisson's own timeouts, as an application has. */
	RedissonClient redisson(RedisServer redis) {
		return redis.client();
	}

	/** Permits of a kind held in Redis now, as Redis tells (expired leases are given back first). */
	int held(TaskKind kind) {
		return semaphore(kind).acquiredPermits();
	}

	RPermitExpirableSemaphore semaphore(TaskKind kind) {
		return this.observer.getPermitExpirableSemaphore(ClusterTaskLimiter.key("wx-network", kind));
	}

	/** One application using wx-network, with its own Redisson client. */
	final class Instance implements AutoCloseable {

		final ConfigurableApplicationContext context;

		final RedissonClient redisson;

		Instance(ConfigurableApplicationContext context, RedissonClient redisson) {
			this.context = context;
			this.redisson = redisson;
		}

		TaskLimiter limiter() {
			return this.context.getBean(TaskLimiter.class);
		}

		RequestTask request(String path, int index) {
			return this.context.getBean(WxRequestTemplate.class).request(options(path, index).build());
		}

		Health health() {
			return this.context.getBean(WxNetworkHealthIndicator.class).health(true);
		}

		/** Dies without giving anything back: Redis is lost first, then the application. */
		void kill() {
			this.redisson.shutdown();
			this.context.close();
		}

		@Override
		public void close() {
			this.context.close();
			if (!this.redisson.isShutdown()) {
				this.redisson.shutdown();
			}
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ WxNetworkClusterAutoConfiguration.class, WxNetworkAutoConfiguration.class,
			WxNetworkHealthAutoConfiguration.class })
	static class ClusterApp {

	}

}
