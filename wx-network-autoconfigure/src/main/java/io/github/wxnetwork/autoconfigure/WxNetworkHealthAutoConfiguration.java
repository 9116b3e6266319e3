package io.github.wxnetwork.autoconfigure;

import io.github.wxnetwork.actuate.WxNetworkHealthIndicator;
import io.github.wxnetwork.limits.cluster.ClusterTaskLimiter;
import org.redisson.api.RedissonClient;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * Health {@code wxNetwork} ({@code management.health.wxnetwork.enabled}), when the limit is held across a cluster
 * and the application has Spring Boot's health support: DOWN while Redis cannot be reached.
 */
@AutoConfiguration(after = WxNetworkClusterAutoConfiguration.class)
@ConditionalOnClass({ HealthIndicator.class, RedissonClient.class })
@ConditionalOnBean(ClusterTaskLimiter.class)
@ConditionalOnEnabledHealthIndicator("wxnetwork")
public final class WxNetworkHealthAutoConfiguration {

	@Bean
	WxNetworkHealthIndicator wxNetworkHealthIndicator(ClusterTaskLimiter limiter) {
		return new WxNetworkHealthIndicator(limiter);
	}

}
