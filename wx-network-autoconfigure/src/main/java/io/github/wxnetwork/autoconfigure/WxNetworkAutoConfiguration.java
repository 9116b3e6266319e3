package io.github.wxnetwork.autoconfigure;

import java.time.Duration;

import io.github.wxnetwork.WxDownloadTemplate;
import io.github.wxnetwork.WxRequestTemplate;
import io.github.wxnetwork.WxUploadTemplate;
import io.github.wxnetwork.engine.DefaultWxDownloadTemplate;
import io.github.wxnetwork.engine.DefaultWxRequestTemplate;
import io.github.wxnetwork.engine.DefaultWxUploadTemplate;
import io.github.wxnetwork.engine.FileAccess;
import io.github.wxnetwork.engine.TempFiles;
import io.github.wxnetwork.engine.HostGuard;
import io.github.wxnetwork.engine.RequestFactory;
import io.github.wxnetwork.actuate.TaskStatistics;
import io.github.wxnetwork.engine.TaskLauncher;
import io.github.wxnetwork.engine.TaskObserver;
import io.github.wxnetwork.engine.TaskRegistry;
import io.github.wxnetwork.engine.WxHttpEngine;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.wxnetwork.limits.BulkheadTaskLimiter;
import io.github.wxnetwork.limits.TaskLimiter;
import okhttp3.OkHttpClient;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of wx-network: one {@link OkHttpClient}, the engine, and the templates. Every
 * bean backs off when the application defines its own.
 */
@AutoConfiguration(afterName = { "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration",
		"io.github.resilience4j.springboot.bulkhead.autoconfigure.BulkheadAutoConfiguration" })
@ConditionalOnClass(OkHttpClient.class)
@EnableConfigurationProperties(WxNetworkProperties.class)
public final class WxNetworkAutoConfiguration {

	/**
	 * The one client of the application. OkHttp's own timeouts are off: each task's timeout bounds
	 * the whole exchange, as WeChat's does.
	 */
	@Bean
	@ConditionalOnMissingBean
	OkHttpClient wxOkHttpClient(ObjectProvider<WxOkHttpCustomizer> customizers) {
		OkHttpClient.Builder builder = new OkHttpClient.Builder().connectTimeout(Duration.ZERO)
			.readTimeout(Duration.ZERO)
			.writeTimeout(Duration.ZERO);
		customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
		return builder.build();
	}

	@Bean
	@ConditionalOnMissingBean
	HostGuard wxHostGuard(WxNetworkProperties properties) {
		return new HostGuard(properties.getAllowedDomains(), properties.isRequireHttps());
	}

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	WxHttpEngine wxHttpEngine(OkHttpClient client, HostGuard hostGuard) {
		return new WxHttpEngine(client, hostGuard);
	}

	@Bean
	@ConditionalOnMissingBean
	TaskRegistry wxTaskRegistry() {
		return new TaskRegistry();
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
		return new BulkheadTaskLimiter(bulkheadRegistry.getIfAvailable(BulkheadRegistry::ofDefaults),
				properties.getMaxConcurrentTasks(), properties.getMaxQueueWait(), engine.scheduler());
	}

	/**
	 * Closed before the engine: new tasks fail, queued ones are aborted, running ones get
	 * {@code wx.network.shutdown-grace} to finish.
	 */
	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	TaskLauncher wxTaskLauncher(WxHttpEngine engine, TaskLimiter limiter, TaskRegistry registry,
			ObjectProvider<TaskObserver> observer, WxNetworkProperties properties) {
		return new TaskLauncher(engine, limiter, registry, observer.getIfAvailable(() -> TaskObserver.NONE),
				properties.getShutdownGrace());
	}

	@Bean
	@ConditionalOnMissingBean
	TaskStatistics wxTaskStatistics(TaskRegistry registry, TaskLimiter limiter) {
		return new TaskStatistics(registry, limiter);
	}

	@Bean
	@ConditionalOnMissingBean
	RequestFactory wxRequestFactory(ObjectProvider<JsonMapper> jsonMapper, HostGuard hostGuard) {
		return new RequestFactory(jsonMapper.getIfAvailable(JsonMapper::shared), hostGuard);
	}

	@Bean
	@ConditionalOnMissingBean
	FileAccess wxFileAccess(WxNetworkProperties properties) {
		return new FileAccess(properties.getUserDataDir());
	}

	/** The temp dir of downloads, swept of files older than {@code wx.network.temp-file-max-age}. */
	@Bean
	@ConditionalOnMissingBean
	TempFiles wxTempFiles(WxNetworkProperties properties, WxHttpEngine engine) {
		TempFiles tempFiles = new TempFiles(properties.getTempDir());
		tempFiles.sweepEvery(engine.scheduler(), properties.getTempFileMaxAge());
		return tempFiles;
	}

	@Bean
	@ConditionalOnMissingBean(WxUploadTemplate.class)
	DefaultWxUploadTemplate wxUploadTemplate(TaskLauncher launcher, RequestFactory requestFactory,
			FileAccess fileAccess, WxNetworkProperties properties) {
		return new DefaultWxUploadTemplate(launcher, requestFactory, fileAccess, properties.getUpload().getTimeout());
	}

	@Bean
	@ConditionalOnMissingBean(WxDownloadTemplate.class)
	DefaultWxDownloadTemplate wxDownloadTemplate(TaskLauncher launcher, RequestFactory requestFactory,
			FileAccess fileAccess, TempFiles tempFiles, WxNetworkProperties properties) {
		return new DefaultWxDownloadTemplate(launcher, requestFactory, fileAccess, tempFiles,
				properties.getDownload().getMaxFileSize().toBytes(), properties.getDownload().getTimeout());
	}

	@Bean
	@ConditionalOnMissingBean(WxRequestTemplate.class)
	DefaultWxRequestTemplate wxRequestTemplate(TaskLauncher launcher, RequestFactory requestFactory,
			WxNetworkProperties properties) {
		return new DefaultWxRequestTemplate(launcher, requestFactory, properties.getRequest().getTimeout());
	}

}
