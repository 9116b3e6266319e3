package io.github.wxnetwork.autoconfigure;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
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

}
