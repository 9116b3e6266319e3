package io.github.wxnetwork.autoconfigure;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.github.wxnetwork.limits.cluster.ClusterProperties;
import io.github.wxnetwork.resilience.RetryProperties;
import io.github.wxnetwork.wire.WireLogLevel;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.util.unit.DataSize;

/**
 * {@code wx.network.*}: limits, timeouts, storage roots and the host allow-list of wx-network.
 */
@ConfigurationProperties("wx.network")
public class WxNetworkProperties {

	/**
	 * How many tasks of one kind (request, upload, download) run at once; the rest wait in FIFO order.
	 */
	private int maxConcurrentTasks = 10;

	/**
	 * How long a task beyond the limit may wait (state QUEUED) before it fails with "exceed max task count".
	 */
	private Duration maxQueueWait = Duration.ofSeconds(60);

	/**
	 * Where downloads without a filePath are stored (tempFilePath).
	 */
	private Path tempDir = Path.of(System.getProperty("java.io.tmpdir"), "wx-network");

	/**
	 * How old a file in temp-dir may grow before the periodic sweep deletes it (a tempFilePath nobody
	 * moved, a part left by a crash).
	 */
	private Duration tempFileMaxAge = Duration.ofHours(24);

	/**
	 * The only directory a filePath (upload source, download target) may name. Unset: any path.
	 */
	private Path userDataDir;

	/**
	 * Hosts that tasks may reach, redirects included ("api.example.com", or "*.example.com" for every
	 * subdomain). Empty: any host.
	 */
	private List<String> allowedDomains = new ArrayList<>();

	/**
	 * Whether plain http:// URLs are refused (redirect hops included).
	 */
	private boolean requireHttps;

	/**
	 * Whether hosts that are, or resolve to, loopback, private (10/8, 172.16/12, 192.168/16, 100.64/10,
	 * fc00::/7), link-local (169.254/16 with the cloud metadata service, fe80::/10), unspecified or multicast
	 * addresses are refused, on every hop and before any connection ("url not in domain list"). Turn it on
	 * when tasks fetch URLs that users supply.
	 */
	private boolean blockPrivateNetworks;

	/**
	 * Whether tasks may negotiate HTTP/2 (over TLS, by ALPN) unless they set enableHttp2 themselves.
	 */
	private boolean enableHttp2 = true;

	/**
	 * On shutdown, how long running tasks may finish before they are aborted (queued ones are aborted at once).
	 */
	private Duration shutdownGrace = Duration.ofSeconds(10);

	/**
	 * Settings of wx.request.
	 */
	private final Request request = new Request();

	/**
	 * Settings of wx.uploadFile.
	 */
	private final Upload upload = new Upload();

	/**
	 * Settings of wx.downloadFile.
	 */
	private final Download download = new Download();

	/**
	 * The HTTP cache of requests that set enableCache.
	 */
	private final Cache cache = new Cache();

	/**
	 * Retry of failed attempts of template calls (Resilience4j instances wx-request, wx-upload, wx-download),
	 * and of @WxClient calls unless wx.network.clients.<name>.retry says otherwise.
	 */
	@NestedConfigurationProperty
	private final RetryProperties retry = new RetryProperties();

	/**
	 * The limit held across a cluster of instances through Redis (Redisson), instead of per instance.
	 */
	@NestedConfigurationProperty
	private final ClusterProperties cluster = new ClusterProperties();

	/**
	 * TLS of template calls, and of @WxClient calls unless wx.network.clients.<name>.ssl says otherwise.
	 */
	private final Ssl ssl = new Ssl();

	/**
	 * Proxy of template calls, and of @WxClient calls unless wx.network.clients.<name>.proxy says otherwise:
	 * "http://[user:password@]host:port" (the password answers the proxy's Basic challenge and is never
	 * logged), "socks5://host:port", or "none". Unset: the OkHttp client's own (none, or the JVM's
	 * -Dhttp.proxyHost).
	 */
	private String proxy;

	/**
	 * Wire logging of template calls, and of @WxClient calls unless wx.network.clients.<name>.logging says
	 * otherwise.
	 */
	private final Logging logging = new Logging();

	/**
	 * How many finished tasks /actuator/wxtasks keeps and shows under "recent" (newest first), so a failure can
	 * be looked up after the fact; 0 keeps none.
	 */
	private int recentTasks = 100;

	public int getMaxConcurrentTasks() {
		return this.maxConcurrentTasks;
	}

	public void setMaxConcurrentTasks(int maxConcurrentTasks) {
		this.maxConcurrentTasks = maxConcurrentTasks;
	}

	public Duration getMaxQueueWait() {
		return this.maxQueueWait;
	}

	public void setMaxQueueWait(Duration maxQueueWait) {
		this.maxQueueWait = maxQueueWait;
	}

	public Path getTempDir() {
		return this.tempDir;
	}

	public void setTempDir(Path tempDir) {
		this.tempDir = tempDir;
	}

	public Duration getTempFileMaxAge() {
		return this.tempFileMaxAge;
	}

	public void setTempFileMaxAge(Duration tempFileMaxAge) {
		this.tempFileMaxAge = tempFileMaxAge;
	}

	public Path getUserDataDir() {
		return this.userDataDir;
	}

	public void setUserDataDir(Path userDataDir) {
		this.userDataDir = userDataDir;
	}

	public List<String> getAllowedDomains() {
		return this.allowedDomains;
	}

	public void setAllowedDomains(List<String> allowedDomains) {
		this.allowedDomains = allowedDomains;
	}

	public boolean isBlockPrivateNetworks() {
		return this.blockPrivateNetworks;
	}

	public void setBlockPrivateNetworks(boolean blockPrivateNetworks) {
		this.blockPrivateNetworks = blockPrivateNetworks;
	}

	public boolean isEnableHttp2() {
		return this.enableHttp2;
	}

	public void setEnableHttp2(boolean enableHttp2) {
		this.enableHttp2 = enableHttp2;
	}

	public Cache getCache() {
		return this.cache;
	}

	public RetryProperties getRetry() {
		return this.retry;
	}

	public ClusterProperties getCluster() {
		return this.cluster;
	}

	public Ssl getSsl() {
		return this.ssl;
	}

	public String getProxy() {
		return this.proxy;
	}

	public void setProxy(String proxy) {
		this.proxy = proxy;
	}

	public Logging getLogging() {
		return this.logging;
	}

	public int getRecentTasks() {
		return this.recentTasks;
	}

	public void setRecentTasks(int recentTasks) {
		this.recentTasks = recentTasks;
	}

	public boolean isRequireHttps() {
		return this.requireHttps;
	}

	public void setRequireHttps(boolean requireHttps) {
		this.requireHttps = requireHttps;
	}

	public Duration getShutdownGrace() {
		return this.shutdownGrace;
	}

	public void setShutdownGrace(Duration shutdownGrace) {
		this.shutdownGrace = shutdownGrace;
	}

	public Request getRequest() {
		return this.request;
	}

	public Upload getUpload() {
		return this.upload;
	}

	public Download getDownload() {
		return this.download;
	}

	/** Wire logging: the io.github.wxnetwork.wire logger, at INFO. */
	public static class Logging {

		/**
		 * How much is logged of each task: none; basic (one line when it ends: kind, method, masked URL, status,
		 * duration, attempt, errMsg); headers (and each attempt's request and response headers); body (and text
		 * bodies up to max-body; an upload's file and a download's body never). Authorization,
		 * Proxy-Authorization, Cookie, Set-Cookie and masked-headers print as ***, query and form values too.
		 */
		private WireLogLevel level = WireLogLevel.NONE;

		/** How much of a text body is shown at level body. */
		private DataSize maxBody = DataSize.ofKilobytes(4);

		/** Headers whose values are masked, besides Authorization, Proxy-Authorization, Cookie and Set-Cookie. */
		private List<String> maskedHeaders = new ArrayList<>();

		public WireLogLevel getLevel() {
			return this.level;
		}

		public void setLevel(WireLogLevel level) {
			this.level = level;
		}

		public DataSize getMaxBody() {
			return this.maxBody;
		}

		public void setMaxBody(DataSize maxBody) {
			this.maxBody = maxBody;
		}

		public List<String> getMaskedHeaders() {
			return this.maskedHeaders;
		}

		public void setMaskedHeaders(List<String> maskedHeaders) {
			this.maskedHeaders = maskedHeaders;
		}

	}

	/** TLS of template calls. */
	public static class Ssl {

		/**
		 * Name of the Spring Boot SSL bundle (spring.ssl.bundle.*) whose trust material verifies servers and
		 * whose key material, if any, is presented as the client certificate (mutual TLS). Unset: the JVM's
		 * default trust, no client certificate.
		 */
		private String bundle;

		public String getBundle() {
			return this.bundle;
		}

		public void setBundle(String bundle) {
			this.bundle = bundle;
		}

	}

	/** Settings of wx.request. */
	public static class Request {

		/**
		 * Default timeout of a request, from the moment it runs: connect, headers and body.
		 */
		private Duration timeout = Duration.ofSeconds(60);

		public Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(Duration timeout) {
			this.timeout = timeout;
		}

	}

	/** Settings of wx.uploadFile. */
	public static class Upload {

		/**
		 * Default timeout of an upload, from the moment it runs: connect, sending the file and the reply.
		 */
		private Duration timeout = Duration.ofSeconds(60);

		public Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(Duration timeout) {
			this.timeout = timeout;
		}

	}

	/** Settings of wx.downloadFile. */
	public static class Download {

		/**
		 * Default timeout of a download, from the moment it runs: connect, headers and the whole body.
		 */
		private Duration timeout = Duration.ofSeconds(60);

		/**
		 * The largest body a download may receive, counted on the bytes received (not on Content-Length).
		 */
		private DataSize maxFileSize = DataSize.ofMegabytes(50);

		public Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(Duration timeout) {
			this.timeout = timeout;
		}

		public DataSize getMaxFileSize() {
			return this.maxFileSize;
		}

		public void setMaxFileSize(DataSize maxFileSize) {
			this.maxFileSize = maxFileSize;
		}

	}

	/** The HTTP cache of requests that set enableCache. */
	public static class Cache {

		/**
		 * The most the cache may hold on disk; 0 (the default) means no cache, and enableCache goes to the network.
		 */
		private DataSize maxSize = DataSize.ofBytes(0);

		/**
		 * Where the cache lives. Unset: "http-cache" under temp-dir.
		 */
		private Path dir;

		public DataSize getMaxSize() {
			return this.maxSize;
		}

		public void setMaxSize(DataSize maxSize) {
			this.maxSize = maxSize;
		}

		public Path getDir() {
			return this.dir;
		}

		public void setDir(Path dir) {
			this.dir = dir;
		}

	}

}
