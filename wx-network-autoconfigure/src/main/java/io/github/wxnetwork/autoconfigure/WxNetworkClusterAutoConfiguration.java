package io.github.wxnetwork.autoconfigure;

import java.time.Duration;
import java.util.Map;

import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.wxnetwork.TaskKind;
import io.github.wxnetwork.engine.WxHttpEngine;
import io.github.wxnetwork.limits.BulkheadTaskLimiter;
import io.github.wxnetwork.limits.TaskLimiter;
import io.github.wxnetwork.limits.cluster.ClusterProperties;
import io.github.wxnetwork.limits.cluster.ClusterTaskLimiter;
import okhttp3.OkHttpClient;
import org.redisson.api.RedissonClient;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.annotation.Bean;

/**
 * {@code wx.network.cluster.enabled}: the limiter holds {@code max-concurrent-tasks} across every instance sharing
 * the application's Redis ({@link RedissonClient} bean); health {@code wxNetwork} is
 * {@link WxNetworkHealthAutoConfiguration}'s. Before
 * {@link WxNetworkAutoConfiguration}, whose per-instance limiter then backs off; a {@link TaskLimiter} of the
 * application's still wins over both.
 */
@AutoConfiguration(before = WxNetworkAutoConfiguration.class,
		afterName = { "io.github.resilience4j.springboot.bulkhead.autoconfigure.BulkheadAutoConfiguration",
				"org.redisson.spring.starter.RedissonAutoConfigurationV2" })
@ConditionalOnClass({ OkHttpClient.class, RedissonClient.class })
@ConditionalOnProperty(prefix = "wx.network.cluster", name = "enabled", havingValue = "true")
@EnableConfigurationProperties(WxNetworkProperties.class)
public final class WxNetworkClusterAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(TaskLimiter.class)
	ClusterTaskLimiter wxTaskLimiter(ConfigurableListableBeanFactory beanFactory,
			ObjectProvider<BulkheadRegistry> bulkheadRegistry, WxNetworkProperties properties, WxHttpEngine engine) {
		String[] names = beanFactory.getBeanNamesForType(RedissonClient.class);
		if (names.length != 1) {
			throw new InvalidConfigurationPropertyValueException("wx.network.cluster.enabled", true,
					"The cluster-wide limit needs one RedissonClient bean (for example from redisson-spring-boot-starter), found "
							+ names.length);
		}
		RedissonClient client = beanFactory.getBean(names[0], RedissonClient.class);
		// Destroyed after the limiter, which gives the permits of the tasks ended at shutdown back through it.
		beanFactory.registerDependentBean(names[0], "wxTaskLimiter");
		ClusterProperties cluster = properties.getCluster();
		if (cluster.getLeaseMargin() == null || cluster.getLeaseMargin().compareTo(Duration.ofSeconds(1)) < 0) {
			// A lease starts when Redis grants the permit, the task's timeout a moment later when it starts.
			throw new InvalidConfigurationPropertyValueException("wx.network.cluster.lease-margin",
					cluster.getLeaseMargin(), "It must be at least 1s: the task's timeout starts after its lease");
		}
		Duration interval = cluster.getHealthCheckInterval();
		if (interval == null || interval.isNegative() || interval.isZero()) {
			throw new InvalidConfigurationPropertyValueException("wx.network.cluster.health-check-interval", interval,
					"It must be positive");
		}
		if (cluster.getName() == null || cluster.getName().isBlank()) {
			throw new InvalidConfigurationPropertyValueException("wx.network.cluster.name", cluster.getName(),
					"The cluster needs a name: its Redis keys start with it");
		}
		BulkheadTaskLimiter local = WxNetworkAutoConfiguration.bulkheadLimiter(bulkheadRegistry, properties, engine);
		Map<TaskKind, Duration> timeouts = Map.of(TaskKind.REQUEST, properties.getRequest().getTimeout(),
				TaskKind.UPLOAD, properties.getUpload().getTimeout(), TaskKind.DOWNLOAD,
				properties.getDownload().getTimeout());
		return new ClusterTaskLimiter(client, local, cluster, properties.getMaxQueueWait(), timeouts,
				engine.scheduler());
	}

}
