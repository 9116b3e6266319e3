package io.github.wxnetwork.autoconfigure;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.RetryRegistry;
import io.github.wxnetwork.TaskKind;
import io.github.wxnetwork.WxDownloadTemplate;
import io.github.wxnetwork.WxRequestTemplate;
import io.github.wxnetwork.WxUploadTemplate;
import io.github.wxnetwork.engine.DefaultWxDownloadTemplate;
import io.github.wxnetwork.engine.DefaultWxRequestTemplate;
import io.github.wxnetwork.engine.DefaultWxUploadTemplate;
import io.github.wxnetwork.engine.FileAccess;
import io.github.wxnetwork.engine.HostGuard;
import io.github.wxnetwork.engine.HttpDiskCache;
import io.github.wxnetwork.engine.RequestRules;
import io.github.wxnetwork.engine.TaskLauncher;
import io.github.wxnetwork.engine.TaskObserver;
import io.github.wxnetwork.engine.TaskRoute;
import io.github.wxnetwork.engine.TaskRegistry;
import io.github.wxnetwork.engine.TempFiles;
import io.github.wxnetwork.engine.WxHttpEngine;
import io.github.wxnetwork.limits.BulkheadTaskLimiter;
import io.github.wxnetwork.limits.TaskLimiter;
import io.github.wxnetwork.resilience.ResiliencePolicies;
import io.github.wxnetwork.transport.ProxySetting;
import io.github.wxnetwork.transport.Transports;
import io.github.wxnetwork.wire.WireLogging;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of wx-network: the engine, the limiter and the three templates. Only those are
 * replaceable ({@code @ConditionalOnMissingBean}); the rest (the host guard, request rules, file roots,
 * the temp-file sweeper) is built inside. The OkHttp client is wx-network's own unless the application
 * marks one with {@link WxOkHttpClient}: an {@code OkHttpClient} bean kept for something else changes
 * nothing here.
 */
@AutoConfiguration(afterName = { "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration",
		"io.github.resilience4j.springboot.bulkhead.autoconfigure.BulkheadAutoConfiguration",
		"io.github.resilience4j.springboot.retry.autoconfigure.RetryAutoConfiguration",
		"io.github.resilience4j.springboot.circuitbreaker.autoconfigure.CircuitBreakerAutoConfiguration",
		"org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration" })
@ConditionalOnClass(OkHttpClient.class)
@EnableConfigurationProperties(WxNetworkProperties.class)
public final class WxNetworkAutoConfiguration {

	/** Idle connections kept at most, however high the limit: each holds a socket (and its file descriptor). */
	private static final int MAX_IDLE_CONNECTIONS = 10_000;

	/** The most of a body wire logging shows: a log line, not a dump. */
	private static final long MAX_LOGGED_BODY = 1024 * 1024;

	/**
	 * The engine, on a client derived from the {@link WxOkHttpClient} bean or a new one. OkHttp's own
	 * timeouts are off: each task's timeout bounds the whole exchange, as WeChat's does.
	 */
	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	WxHttpEngine wxHttpEngine(@WxOkHttpClient ObjectProvider<OkHttpClient> base,
			ObjectProvider<WxOkHttpCustomizer> customizers, WxNetworkProperties properties) {
		// Two marked clients are a mistake to report, not a reason to fall back silently.
		OkHttpClient given = base.getIfAvailable();
		OkHttpClient.Builder builder = ((given != null) ? given.newBuilder()
				: new OkHttpClient.Builder().connectionPool(connectionPool(properties)))
			.connectTimeout(Duration.ZERO)
			.readTimeout(Duration.ZERO)
			.writeTimeout(Duration.ZERO);
		customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
		return new WxHttpEngine(builder.build(),
				new HostGuard(properties.getAllowedDomains(), properties.isRequireHttps(),
						properties.isBlockPrivateNetworks()),
				new WxHttpEngine.Settings(properties.isEnableHttp2(), cache(properties)));
	}

	/**
	 * An idle connection kept for every task {@code max-concurrent-tasks} lets run at once, all kinds (a bulkhead
	 * configured otherwise or a limiter of the application's does not change it). OkHttp's default keeps five,
	 * so ten tasks at once kept closing and reopening connections, a TLS handshake each (50 a second measured).
	 * Idle connections still close after OkHttp's five minutes.
	 */
	private static ConnectionPool connectionPool(WxNetworkProperties properties) {
		long perKind = Math.max(0, properties.getMaxConcurrentTasks());
		int idle = (int) Math.min(MAX_IDLE_CONNECTIONS, Math.max(5, perKind * TaskKind.values().length));
		return new ConnectionPool(idle, 5, TimeUnit.MINUTES);
	}

	/** OkHttp's disk cache, when {@code wx.network.cache.max-size} asks for one; the engine closes it. */
	private static HttpDiskCache cache(WxNetworkProperties properties) {
		long maxSize = (properties.getCache().getMaxSize() != null) ? properties.getCache().getMaxSize().toBytes() : 0;
		if (maxSize <= 0) {
			return null;
		}
		Path tempDir = properties.getTempDir().toAbsolutePath().normalize();
		Path dir = (properties.getCache().getDir() != null) ? properties.getCache().getDir().toAbsolutePath().normalize()
				: tempDir.resolve("http-cache");
		if (dir.equals(tempDir)) {
			// The temp-file sweep would delete the cache's files, and uploads may read the temp dir's files.
			throw new InvalidConfigurationPropertyValueException("wx.network.cache.dir", dir,
					"The HTTP cache needs a directory of its own, not wx.network.temp-dir");
		}
		try {
			return HttpDiskCache.open(dir, maxSize);
		}
		catch (IOException ex) {
			throw new InvalidConfigurationPropertyValueException("wx.network.cache.dir", dir,
					"The HTTP cache cannot be created there: " + ex);
		}
	}

	/**
	 * The per-kind limit and FIFO queue. Uses the application's {@link BulkheadRegistry} when
	 * Resilience4j's Spring Boot support provides one, so {@code resilience4j.bulkhead.instances.wx-request.*}
	 * overrides our default and {@code /actuator/bulkheads} lists our bulkheads.
	 */
	@Bean
	@ConditionalOnMissingBean
	TaskLimiter wxTaskLimiter(ObjectProvider<BulkheadRegistry> bulkheadRegistry, WxNetworkProperties properties,
			WxHttpEngine engine) {
		if (properties.getCluster().isEnabled()) {
			// WxNetworkClusterAutoConfiguration would have made the limiter: Redisson is not on the classpath.
			throw new InvalidConfigurationPropertyValueException("wx.network.cluster.enabled", true,
					"The cluster-wide limit needs Redisson (org.redisson:redisson) on the classpath, a RedissonClient bean"
							+ " and WxNetworkClusterAutoConfiguration (not excluded)");
		}
		return bulkheadLimiter(bulkheadRegistry, properties, engine);
	}

	/** The instance's own limit: on its own, or in front of the cluster's ({@link WxNetworkClusterAutoConfiguration}). */
	static BulkheadTaskLimiter bulkheadLimiter(ObjectProvider<BulkheadRegistry> bulkheadRegistry,
			WxNetworkProperties properties, WxHttpEngine engine) {
		return new BulkheadTaskLimiter(bulkheadRegistry.getIfAvailable(BulkheadRegistry::ofDefaults),
				properties.getMaxConcurrentTasks(), properties.getMaxQueueWait(), engine.scheduler());
	}

	/**
	 * Retry and circuit breakers of template and {@code @WxClient} calls, kept in the application's
	 * Resilience4j registries when its Spring Boot support provides them (so {@code /actuator/retries},
	 * {@code /actuator/circuitbreakers} and their metrics list wx-network's instances). Bad retry settings fail
	 * start-up here, naming the property.
	 */
	@Bean
	@ConditionalOnMissingBean
	ResiliencePolicies wxResiliencePolicies(ObjectProvider<RetryRegistry> retryRegistry,
			ObjectProvider<CircuitBreakerRegistry> circuitBreakerRegistry, WxNetworkProperties properties) {
		properties.getRetry().validate("wx.network.retry");
		return new ResiliencePolicies(retryRegistry.getIfAvailable(RetryRegistry::ofDefaults),
				circuitBreakerRegistry.getIfAvailable(CircuitBreakerRegistry::ofDefaults), properties.getRetry());
	}

	/**
	 * The transports of template and {@code @WxClient} calls: SSL bundles, proxies, client interceptors. An
	 * unknown bundle or a malformed proxy fails start-up here, naming the property.
	 */
	@Bean
	Transports wxTransports(WxHttpEngine engine, ObjectProvider<SslBundles> sslBundles, WxNetworkProperties properties) {
		return new Transports(engine, sslBundles.getIfAvailable(), properties.getSsl().getBundle(),
				ProxySetting.parse("wx.network.proxy", properties.getProxy()));
	}

	/**
	 * Wire logging ({@code wx.network.logging.*}) of template calls and of clients without their own level. A
	 * negative or oversized {@code max-body} fails start-up here, naming the property.
	 */
	@Bean
	WireLogging wxWireLogging(WxNetworkProperties properties) {
		WxNetworkProperties.Logging logging = properties.getLogging();
		long maxBody = (logging.getMaxBody() != null) ? logging.getMaxBody().toBytes() : 0;
		if (maxBody < 0 || maxBody > MAX_LOGGED_BODY) {
			throw new InvalidConfigurationPropertyValueException("wx.network.logging.max-body", logging.getMaxBody(),
					"It must be between 0 and 1MB");
		}
		return new WireLogging(logging.getLevel(), logging.getMaskedHeaders(), (int) maxBody);
	}

	/**
	 * Where every template's tasks go (replace the engine, the limiter or the observer rather than this).
	 * Closed before the engine: new tasks fail, queued ones are aborted, running ones get
	 * {@code wx.network.shutdown-grace} to finish.
	 */
	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	TaskLauncher wxTaskLauncher(WxHttpEngine engine, TaskLimiter limiter, ObjectProvider<TaskObserver> observer,
			WxNetworkProperties properties) {
		if (properties.getRecentTasks() < 0) {
			throw new InvalidConfigurationPropertyValueException("wx.network.recent-tasks", properties.getRecentTasks(),
					"It must not be negative (0 keeps no finished task)");
		}
		return new TaskLauncher(engine, limiter, new TaskRegistry(properties.getRecentTasks()),
				observer.getIfAvailable(() -> TaskObserver.NONE), properties.getShutdownGrace());
	}

	@Bean
	@ConditionalOnMissingBean(WxRequestTemplate.class)
	DefaultWxRequestTemplate wxRequestTemplate(TaskLauncher launcher, ObjectProvider<JsonMapper> jsonMapper,
			WxNetworkProperties properties, ResiliencePolicies policies, Transports transports,
			WireLogging wireLogging) {
		return new DefaultWxRequestTemplate(launcher, requestRules(launcher, jsonMapper),
				properties.getRequest().getTimeout(), route(TaskKind.REQUEST, policies, transports, wireLogging));
	}

	@Bean
	@ConditionalOnMissingBean(WxUploadTemplate.class)
	DefaultWxUploadTemplate wxUploadTemplate(TaskLauncher launcher, ObjectProvider<JsonMapper> jsonMapper,
			WxNetworkProperties properties, ResiliencePolicies policies, Transports transports,
			WireLogging wireLogging) {
		return new DefaultWxUploadTemplate(launcher, requestRules(launcher, jsonMapper),
				new FileAccess(properties.getUserDataDir(), properties.getTempDir()), properties.getUpload().getTimeout(),
				route(TaskKind.UPLOAD, policies, transports, wireLogging));
	}

	/** Downloads without a filePath go to the temp dir, swept of files older than {@code wx.network.temp-file-max-age}. */
	@Bean
	@ConditionalOnMissingBean(WxDownloadTemplate.class)
	DefaultWxDownloadTemplate wxDownloadTemplate(TaskLauncher launcher, ObjectProvider<JsonMapper> jsonMapper,
			WxNetworkProperties properties, ResiliencePolicies policies, Transports transports,
			WireLogging wireLogging) {
		TempFiles tempFiles = new TempFiles(properties.getTempDir());
		tempFiles.sweepEvery(launcher.engine().scheduler(), properties.getTempFileMaxAge());
		return new DefaultWxDownloadTemplate(launcher, requestRules(launcher, jsonMapper),
				new FileAccess(properties.getUserDataDir()), tempFiles,
				properties.getDownload().getMaxFileSize().toBytes(), properties.getDownload().getTimeout(),
				route(TaskKind.DOWNLOAD, policies, transports, wireLogging));
	}

	/** How a template's tasks go: its kind's retry policy, over the templates' transport, logged at their level. */
	private static TaskRoute route(TaskKind kind, ResiliencePolicies policies, Transports transports,
			WireLogging wireLogging) {
		return new TaskRoute(policies.forTemplate(kind), transports.defaults(), wireLogging.defaults(), null, null);
	}

	/** WeChat's request rules, checking first URLs with the engine's own allow-list. */
	private static RequestRules requestRules(TaskLauncher launcher, ObjectProvider<JsonMapper> jsonMapper) {
		return new RequestRules(jsonMapper.getIfAvailable(JsonMapper::shared), launcher.engine().hostGuard());
	}

}
