package io.github.wxnetwork.support;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.RetryRegistry;
import io.github.wxnetwork.TaskKind;
import io.github.wxnetwork.engine.DefaultWxDownloadTemplate;
import io.github.wxnetwork.engine.DefaultWxRequestTemplate;
import io.github.wxnetwork.engine.DefaultWxUploadTemplate;
import io.github.wxnetwork.engine.FileAccess;
import io.github.wxnetwork.engine.HostGuard;
import io.github.wxnetwork.engine.RequestRules;
import io.github.wxnetwork.engine.TaskLauncher;
import io.github.wxnetwork.engine.TaskObserver;
import io.github.wxnetwork.engine.TaskRegistry;
import io.github.wxnetwork.engine.TaskRoute;
import io.github.wxnetwork.engine.TempFiles;
import io.github.wxnetwork.engine.WxHttpEngine;
import io.github.wxnetwork.limits.BulkheadTaskLimiter;
import io.github.wxnetwork.limits.TaskLimiter;
import io.github.wxnetwork.resilience.ResiliencePolicies;
import io.github.wxnetwork.resilience.RetryProperties;
import okhttp3.OkHttpClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * The wx-network object graph without Spring, for fast behaviour tests: what the auto-configuration
 * builds, with the knobs tests turn.
 */
public final class WxTestKit implements AutoCloseable {

	private final OkHttpClient client;

	private final WxHttpEngine engine;

	private final TaskRegistry registry;

	private final TaskLauncher launcher;

	private final RequestRules requestRules;

	private final Duration defaultTimeout;

	private final FileAccess fileAccess;

	private final TempFiles tempFiles;

	private final long maxFileSize;

	private final TaskLimiter limiter;

	private final RetryRegistry retries = RetryRegistry.ofDefaults();

	private final ResiliencePolicies policies;

	private WxTestKit(Builder builder) {
		OkHttpClient.Builder clientBuilder = new OkHttpClient.Builder().connectTimeout(Duration.ZERO)
			.readTimeout(Duration.ZERO)
			.writeTimeout(Duration.ZERO);
		builder.clientCustomizer.accept(clientBuilder);
		this.client = clientBuilder.build();
		HostGuard guard = new HostGuard(builder.allowedDomains, builder.requireHttps, builder.blockPrivateNetworks);
		this.engine = new WxHttpEngine(this.client, guard, builder.engineSettings);
		// A bulkhead limiter needs the engine's timer, so it is built here when asked for.
		this.limiter = (builder.bulkheadRegistry != null) ? new BulkheadTaskLimiter(builder.bulkheadRegistry,
				builder.maxConcurrentTasks, builder.maxQueueWait, this.engine.scheduler()) : builder.limiter;
		this.registry = new TaskRegistry(builder.recentTasks);
		this.launcher = new TaskLauncher(this.engine, this.limiter, this.registry, builder.observer, Duration.ofSeconds(10));
		this.requestRules = new RequestRules(JsonMapper.shared(), guard);
		this.defaultTimeout = builder.defaultTimeout;
		this.fileAccess = new FileAccess(builder.userDataDir, builder.tempDir);
		this.tempFiles = new TempFiles(builder.tempDir);
		this.maxFileSize = builder.maxFileSize;
		this.policies = new ResiliencePolicies(this.retries, builder.circuitBreakers, builder.retry);
	}

	public static WxTestKit create() {
		return builder().build();
	}

	public static Builder builder() {
		return new Builder();
	}

	public DefaultWxRequestTemplate requestTemplate() {
		return new DefaultWxRequestTemplate(this.launcher, this.requestRules, this.defaultTimeout,
				new TaskRoute(this.policies.forTemplate(TaskKind.REQUEST), null));
	}

	public DefaultWxUploadTemplate uploadTemplate() {
		return new DefaultWxUploadTemplate(this.launcher, this.requestRules, this.fileAccess, this.defaultTimeout,
				new TaskRoute(this.policies.forTemplate(TaskKind.UPLOAD), null));
	}

	public DefaultWxDownloadTemplate downloadTemplate() {
		return new DefaultWxDownloadTemplate(this.launcher, this.requestRules, this.fileAccess, this.tempFiles,
				this.maxFileSize, this.defaultTimeout, new TaskRoute(this.policies.forTemplate(TaskKind.DOWNLOAD), null));
	}

	/** Where the kit's retries are ({@code wx-request}, ...): their events tell a test when a task waits. */
	public RetryRegistry retryRegistry() {
		return this.retries;
	}

	/** The retry and breaker policies of the kit's templates ({@link Builder#retry}) and of named clients. */
	public ResiliencePolicies policies() {
		return this.policies;
	}

	public TempFiles tempFiles() {
		return this.tempFiles;
	}

	public OkHttpClient client() {
		return this.engine.client();
	}

	public TaskRegistry registry() {
		return this.registry;
	}

	public WxHttpEngine engine() {
		return this.engine;
	}

	/** The limiter the kit's templates go through. */
	public TaskLimiter limiter() {
		return this.limiter;
	}

	/** The limiter, when it is the one built by {@link Builder#bulkheadLimiter}. */
	public BulkheadTaskLimiter bulkheadLimiter() {
		return (BulkheadTaskLimiter) this.limiter;
	}

	@Override
	public void close() {
		this.engine.close();
		this.client.connectionPool().evictAll();
	}

	/** Knobs for {@link WxTestKit}. */
	public static final class Builder {

		private List<String> allowedDomains = List.of();

		private boolean requireHttps;

		private boolean blockPrivateNetworks;

		private WxHttpEngine.Settings engineSettings = WxHttpEngine.Settings.DEFAULTS;

		private Duration defaultTimeout = Duration.ofSeconds(30);

		private TaskLimiter limiter = TaskLimiter.unlimited();

		private Path tempDir = Path.of(System.getProperty("java.io.tmpdir"), "wx-network-test");

		private Path userDataDir;

		private long maxFileSize = 50L * 1024 * 1024;

		private TaskObserver observer = TaskObserver.NONE;

		private BulkheadRegistry bulkheadRegistry;

		private int maxConcurrentTasks;

		private Duration maxQueueWait;

		private Consumer<OkHttpClient.Builder> clientCustomizer = (client) -> {
		};

		private RetryProperties retry = new RetryProperties();

		private CircuitBreakerRegistry circuitBreakers = CircuitBreakerRegistry.ofDefaults();

		private int recentTasks = TaskRegistry.DEFAULT_RECENT;

		/** How many finished tasks the registry keeps. */
		public Builder recentTasks(int recentTasks) {
			this.recentTasks = recentTasks;
			return this;
		}

		/** {@code wx.network.retry.*} of the kit's templates; unset values are the defaults (retry off). */
		public Builder retry(RetryProperties retry) {
			this.retry = retry;
			return this;
		}

		/** Where clients' breakers ({@code policies().forClient(name, retry, true)}) come from. */
		public Builder circuitBreakers(CircuitBreakerRegistry registry) {
			this.circuitBreakers = registry;
			return this;
		}

		public Builder tempDir(Path tempDir) {
			this.tempDir = tempDir;
			return this;
		}

		public Builder userDataDir(Path userDataDir) {
			this.userDataDir = userDataDir;
			return this;
		}

		public Builder maxFileSize(long maxFileSize) {
			this.maxFileSize = maxFileSize;
			return this;
		}

		public Builder allowedDomains(String... domains) {
			this.allowedDomains = List.of(domains);
			return this;
		}

		public Builder requireHttps(boolean requireHttps) {
			this.requireHttps = requireHttps;
			return this;
		}

		public Builder blockPrivateNetworks(boolean blockPrivateNetworks) {
			this.blockPrivateNetworks = blockPrivateNetworks;
			return this;
		}

		/** {@code wx.network.enable-http2} and the HTTP cache. */
		public Builder engineSettings(WxHttpEngine.Settings settings) {
			this.engineSettings = settings;
			return this;
		}

		public Builder defaultTimeout(Duration timeout) {
			this.defaultTimeout = timeout;
			return this;
		}

		public Builder limiter(TaskLimiter limiter) {
			this.limiter = limiter;
			return this;
		}

		/**
		 * Uses a {@link BulkheadTaskLimiter} (bulkheads from {@code registry}, queue-wait expiry on the
		 * engine's timer) instead of {@link #limiter(TaskLimiter)}.
		 */
		public Builder bulkheadLimiter(BulkheadRegistry registry, int maxConcurrentTasks, Duration maxQueueWait) {
			this.bulkheadRegistry = registry;
			this.maxConcurrentTasks = maxConcurrentTasks;
			this.maxQueueWait = maxQueueWait;
			return this;
		}

		/** Watches every task (metrics, tracing); none by default. */
		public Builder observer(TaskObserver observer) {
			this.observer = observer;
			return this;
		}

		/**
		 * Adjusts the application's OkHttpClient before the engine derives its own from it (for example
		 * to trust a test certificate).
		 */
		public Builder clientCustomizer(Consumer<OkHttpClient.Builder> customizer) {
			this.clientCustomizer = customizer;
			return this;
		}

		public WxTestKit build() {
			return new WxTestKit(this);
		}

	}

}
