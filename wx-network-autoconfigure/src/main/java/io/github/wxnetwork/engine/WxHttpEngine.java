package io.github.wxnetwork.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Proxy;
import java.net.URI;
import java.security.Provider;
import java.security.Security;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import javax.net.SocketFactory;

import io.github.wxnetwork.engine.socket.CoalescingSocketFactory;
import io.github.wxnetwork.resilience.ResiliencePolicy;
import io.github.wxnetwork.wire.WireLogInterceptor;
import okhttp3.Cache;
import okhttp3.Dns;
import okhttp3.EventListener;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs round trips on OkHttp. Each running task executes its call with {@code Call.execute()} on a
 * thread of our own pool (or on the thread that waits for it), so OkHttp's dispatcher limits (64, 5 per
 * host) never apply: the limiter in front of the engine is the only limit.
 *
 * <p>WeChat's switches that OkHttp sets per client ({@code enableHttp2}, {@code enableCache}) pick one of
 * four clients derived once from the application's: same connection pool, same dispatcher, nothing built
 * per call.
 */
public final class WxHttpEngine implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(WxHttpEngine.class);

	/**
	 * What the engine adds to the application's client.
	 *
	 * @param enableHttp2 whether h2 may be negotiated unless a task says otherwise
	 * @param cache the HTTP cache of tasks that enable it, closed with the engine; null for the application
	 * client's own (if any, and the application's to close)
	 */
	public record Settings(boolean enableHttp2, HttpDiskCache cache) {

		public static final Settings DEFAULTS = new Settings(true, null);

	}

	/** Timeouts this long (about 100 years) need no timer. */
	private static final long FOREVER = TimeUnit.DAYS.toMillis(100 * 365);

	private static final int CALLBACK_THREADS = 2;

	private final OkHttpClient client;

	/** By index: 0 h2 allowed, 1 HTTP/1.1 only; +2 with the cache. */
	private final OkHttpClient[] variants;

	/** The HTTP cache of tasks that enable it (the engine's own or the application client's), or null. */
	private final Cache cache;

	private final RedirectFollower redirectFollower;

	/** The application client's Dns, and the same checked by the host guard (when it blocks private networks). */
	private final Dns plainDns;

	private final Dns guardedDns;

	private final boolean http2ByDefault;

	/** The cache the engine was given (and closes); not the application client's. */
	private final HttpDiskCache ownCache;

	/** Partitions of the engine's cache for transports with private responses; deleted with the engine. */
	private final Queue<HttpDiskCache> partitions = new ConcurrentLinkedQueue<>();

	private final HostGuard hostGuard;

	private final NetworkQuality networkQuality = new NetworkQuality();

	/** Runs exchanges: a virtual thread each on Java 21+, else a cached pool of platform threads. */
	private final ExecutorService executor;

	private final ThreadPoolExecutor callbacks;

	private final ScheduledThreadPoolExecutor timer;

	public WxHttpEngine(OkHttpClient client, HostGuard hostGuard) {
		this(client, hostGuard, Settings.DEFAULTS);
	}

	/**
	 * @param client the application's client; the engine derives its own from it (same pool and
	 * dispatcher) with the profile listener, the redirect follower and the host guard's Dns added
	 * @param hostGuard checks every hop's host before it is connected to, redirects included
	 */
	public WxHttpEngine(OkHttpClient client, HostGuard hostGuard, Settings settings) {
		this.hostGuard = hostGuard;
		this.http2ByDefault = settings.enableHttp2();
		this.ownCache = settings.cache();
		this.cache = (this.ownCache != null) ? this.ownCache.cache() : client.cache();
		EventListener.Factory userListeners = client.eventListenerFactory();
		this.redirectFollower = new RedirectFollower(hostGuard, client.followSslRedirects());
		this.plainDns = client.dns();
		this.guardedDns = hostGuard.dns(client.dns());
		OkHttpClient http2 = client.newBuilder()
			.socketFactory(coalescing(client))
			.eventListenerFactory((call) -> userListeners.create(call).plus(ProfileRecorder.FACTORY.create(call)))
			.followRedirects(false)
			.addInterceptor(this.redirectFollower)
			.addNetworkInterceptor(WireLogInterceptor.INSTANCE)
			.addNetworkInterceptor(UnavailableAsIs.INSTANCE)
			.addNetworkInterceptor(OnTheWire.INSTANCE)
			.cache(null)
			.build();
		this.variants = variants(guarded(http2, "the application's OkHttpClient"), this.cache);
		this.client = this.variants[this.http2ByDefault ? 0 : 1];
		this.executor = EngineThreads.exchanges("wx-network-");
		// Tasks that end off the network (aborted while queued, expired, invalid) may end by the thousand at
		// once: their callbacks share two threads instead of starting one each.
		this.callbacks = new ThreadPoolExecutor(CALLBACK_THREADS, CALLBACK_THREADS, 60, TimeUnit.SECONDS,
				new LinkedBlockingQueue<>(), EngineThreads.platform("wx-network-callback-"));
		this.callbacks.allowCoreThreadTimeOut(true);
		this.timer = new ScheduledThreadPoolExecutor(1, EngineThreads.platform("wx-network-timer-"));
		this.timer.setRemoveOnCancelPolicy(true);
	}

	/**
	 * Sockets whose streams coalesce okio's 8 KiB reads and writes into large system calls (single transfers
	 * ran at half of curl's speed without), unless the application's client brings its own socket factory or
	 * speaks cleartext h2 ({@code H2_PRIOR_KNOWLEDGE}): OkHttp writes h2 DATA frames without a flush while it
	 * waits for the peer's flow-control window, which the peer would then never open. The JDK's TLS flushes
	 * every record. One factory for every engine: OkHttp pools connections by address, the factory included.
	 */
	private static SocketFactory coalescing(OkHttpClient client) {
		boolean plainFactory = client.socketFactory() == SocketFactory.getDefault();
		return (plainFactory && !client.protocols().contains(Protocol.H2_PRIOR_KNOWLEDGE) && jdkTls())
				? CoalescingSocketFactory.INSTANCE : client.socketFactory();
	}

	/**
	 * Whether TLS is the JDK's own, which flushes every record it writes. OkHttp (and Spring's SSL bundles) use
	 * the first TLS provider; another one (Conscrypt, BouncyCastle) is not known to flush, so it gets plain
	 * sockets.
	 */
	private static boolean jdkTls() {
		Provider[] tls = Security.getProviders("SSLContext.TLS");
		return tls != null && tls.length > 0 && "SunJSSE".equals(tls[0].getName());
	}

	/** Whether calls go through a proxy: the client's own, or one its selector picks (-Dhttp.proxyHost, say). */
	private static boolean usesProxy(OkHttpClient client) {
		if (client.proxy() != null) {
			return client.proxy().type() != Proxy.Type.DIRECT;
		}
		for (String probe : List.of("http://example.com/", "https://example.com/")) {
			List<Proxy> proxies = client.proxySelector().select(URI.create(probe));
			if (proxies != null && proxies.stream().anyMatch((proxy) -> proxy.type() != Proxy.Type.DIRECT)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * The four clients the switches choose from: h2 allowed or HTTP/1.1 only, each without and with the
	 * cache. Without a cache the cache variants are the plain ones.
	 */
	private static OkHttpClient[] variants(OkHttpClient http2, Cache cache) {
		OkHttpClient http1 = http2.protocols().contains(Protocol.HTTP_2)
				? http2.newBuilder().protocols(List.of(Protocol.HTTP_1_1)).build() : http2;
		if (cache == null) {
			return new OkHttpClient[] { http2, http1, http2, http1 };
		}
		return new OkHttpClient[] { http2, http1, withCache(http2, cache), withCache(http1, cache) };
	}

	private static OkHttpClient withCache(OkHttpClient client, Cache cache) {
		return client.newBuilder().cache(cache).addNetworkInterceptor(HttpDiskCache.SHARED_CACHE_RULES).build();
	}

	/**
	 * The client with the host guard's Dns when private networks are blocked and it connects directly. Behind
	 * a proxy the proxy resolves names (our Dns would see the proxy's own name, often a private address): only
	 * IP addresses written in URLs can be judged then, which is said once, when the client is first made.
	 * @param announceAs what the client is, in that warning; null when it was said before (a refresh)
	 */
	private OkHttpClient guarded(OkHttpClient client, String announceAs) {
		if (!this.hostGuard.blocksPrivateNetworks()) {
			return client;
		}
		boolean proxied = usesProxy(client);
		if (proxied && announceAs != null) {
			logger.warn("wx.network.block-private-networks: {} uses a proxy, which resolves host names, so only IP "
					+ "addresses in URLs are checked; the proxy must refuse private networks itself", announceAs);
		}
		Dns wanted = proxied ? this.plainDns : this.guardedDns;
		return (client.dns() == wanted) ? client : client.newBuilder().dns(wanted).build();
	}

	/**
	 * The cache of a transport whose responses may be its own (a client certificate, interceptors that may
	 * sign or authorize): a partition of the engine's cache, one per transport, so no other client is ever
	 * answered with them; deleted when the engine closes. None when the cache is the application client's
	 * (its directory is not ours).
	 */
	private Cache privateCache() {
		if (this.ownCache == null) {
			return null;
		}
		try {
			HttpDiskCache partition = this.ownCache.partition("client");
			this.partitions.add(partition);
			return partition.cache();
		}
		catch (IOException ex) {
			logger.warn("wx-network: a client's HTTP cache cannot be created, so its calls are not cached", ex);
			return null;
		}
	}

	/**
	 * A transport of this engine: its clients derived from the engine's (same pool, dispatcher, listener,
	 * redirect follower), shaped by {@code shape}, with {@code interceptors} run once per attempt.
	 * @param privateResponses whether its responses may differ per caller, so the HTTP cache keeps them apart
	 * @param description what it is, for logs (never a secret)
	 */
	public Transport transport(Transport.Shape shape, List<Interceptor> interceptors, boolean privateResponses,
			String description) {
		return new Transport(this, shape, interceptors, privateResponses ? privateCache() : this.cache, description);
	}

	/**
	 * The variants of a transport, made anew from the engine's h2 client.
	 * @param announceAs what the transport is, for the proxy warning when it is first made; null on a refresh
	 */
	OkHttpClient[] derive(Transport.Shape shape, List<Interceptor> interceptors, Cache cache, String announceAs) {
		OkHttpClient.Builder builder = this.variants[0].newBuilder();
		// Before the redirect follower (the innermost): once per attempt, after the application's own.
		List<Interceptor> chain = builder.interceptors();
		int follower = chain.indexOf(this.redirectFollower);
		if (follower < 0) {
			throw new IllegalStateException("The engine's client has lost its redirect follower");
		}
		chain.addAll(follower, interceptors);
		shape.shape(builder);
		return variants(guarded(builder.build(), announceAs), cache);
	}

	/**
	 * The client that runs a request, by its {@link CallSwitches}. A request with credentials never uses the
	 * cache: it is keyed by URL alone, and a server's users must not get each other's responses.
	 */
	OkHttpClient clientFor(Request request) {
		Transport transport = request.tag(Transport.class);
		CallSwitches switches = request.tag(CallSwitches.class);
		if (switches == null && transport == null) {
			return this.client;
		}
		boolean http2 = (switches != null && switches.http2() != null) ? switches.http2() : this.http2ByDefault;
		boolean cache = switches != null && switches.cache() && !HttpDiskCache.hasCredentials(request);
		int index = (http2 ? 0 : 1) + (cache ? 2 : 0);
		return (transport != null) ? transport.variant(index) : this.variants[index];
	}

	/** Per-host RTT and throughput estimates that every task's profile reads and feeds. */
	NetworkQuality networkQuality() {
		return this.networkQuality;
	}

	/** Where callbacks of tasks that never reach the network run. */
	public ExecutorService callbackExecutor() {
		return this.callbacks;
	}

	/** The engine's timer (queue-wait expiry, temp-file sweeps): one daemon thread, closed with the engine. */
	public ScheduledExecutorService scheduler() {
		return this.timer;
	}

	/** The allow-list this engine enforces on every hop; templates check a task's first URL with it too. */
	public HostGuard hostGuard() {
		return this.hostGuard;
	}

	/**
	 * Empties the HTTP cache of tasks that enable it, and the caches of clients with private responses: what
	 * a test slice does between two tests, so that no answer of one is served to the next.
	 * @throws UncheckedIOException when a cache's files cannot be deleted
	 */
	public void evictCaches() {
		try {
			if (this.cache != null) {
				this.cache.evictAll();
			}
			for (HttpDiskCache partition : this.partitions) {
				partition.cache().evictAll();
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot empty the HTTP cache", ex);
		}
	}

	/** The client of a task that sets no switch (wx-network's defaults). */
	public OkHttpClient client() {
		return this.client;
	}

	/**
	 * Runs a task that just became RUNNING. Never blocks; the task ends through its callbacks.
	 * @param timeout bounds the whole task from now: every attempt (connect, headers and body) and the waits
	 * between them
	 * @param policy how its attempts are retried, and the circuit breaker in front of them
	 * @param callerRuns the calling thread joins the task next and runs the exchange itself: no pool thread
	 * is woken for it (one that is finds the work claimed, a wasted wake-up per call)
	 */
	<R> void execute(AbstractWxTask<R> task, Request request, RoundTrip<R> roundTrip, Duration timeout,
			ResiliencePolicy policy, boolean callerRuns) {
		long millis = toMillis(timeout);
		Exchange<R> exchange = new Exchange<>(this, task, request, roundTrip, policy.start(task.kind(), task.view().method()),
				(millis < FOREVER) ? millis : 0);
		try {
			TaskFuture<R> future = task.future();
			future.offer(exchange::attempt, this.executor);
			if (!callerRuns) {
				this.executor.execute(future::claimAndRun);
			}
		}
		catch (RejectedExecutionException ex) {
			task.future().withdraw();
			task.failLater(Failures.invalid(task.kind(), "wx-network is shut down"));
		}
	}

	/**
	 * Runs a retried task's next attempt on the pool.
	 * @throws RejectedExecutionException when the engine is shut down
	 */
	void submit(Runnable attempt) {
		this.executor.execute(attempt);
	}

	private static long toMillis(Duration timeout) {
		if (timeout == null) {
			return 0;
		}
		try {
			// Rounded up: a positive timeout under a millisecond is still a timeout, not none.
			return Math.max(1, timeout.plusNanos(999_999).toMillis());
		}
		catch (ArithmeticException ex) {
			return FOREVER;
		}
	}

	@Override
	public void close() {
		this.timer.shutdownNow();
		this.executor.shutdown();
		this.callbacks.shutdown();
		try {
			// The launcher has ended every task by now: idle threads exit at once, none outlives the engine.
			this.executor.awaitTermination(5, TimeUnit.SECONDS);
			this.callbacks.awaitTermination(5, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		// Idle pooled connections would otherwise linger for OkHttp's keep-alive (5 minutes).
		this.client.connectionPool().evictAll();
		if (this.ownCache != null) {
			this.ownCache.close();
		}
		this.partitions.forEach(HttpDiskCache::close);
	}

}
