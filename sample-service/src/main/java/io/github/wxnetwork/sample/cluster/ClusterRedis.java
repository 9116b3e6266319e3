package io.github.wxnetwork.sample.cluster;

import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.config.Config;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The Redis that holds wx-network's limit across every instance of the relay, only when
 * {@code wx.network.cluster.enabled} (off by default, so the sample runs with nothing else): run two relays
 * with {@code --wx.network.cluster.enabled=true} (and a second {@code --server.port}) and their downloads
 * together never pass {@code max-concurrent-tasks}. redisson-spring-boot-starter would give the same bean from
 * {@code spring.data.redis.*}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "wx.network.cluster.enabled", havingValue = "true")
class ClusterRedis {

	@Bean(destroyMethod = "shutdown")
	RedissonClient redisson(@Value("${relay.redis-url:redis://127.0.0.1:6379}") String url) {
		Config config = new Config();
		config.useSingleServer().setAddress(url);
		return Redisson.create(config);
	}

}
