package io.github.wxnetwork.engine;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import okhttp3.Cache;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The disk cache of tasks that set {@code enableCache}: OkHttp's {@link Cache}, held under a file lock,
 * because two caches on one directory (two instances on a host, two application contexts in one test
 * JVM) corrupt each other's journal. When the directory is taken, this instance gets a directory of its
 * own beside it, deleted when it closes.
 *
 * <p>OkHttp's cache is a private (browser) cache, and a server serves many users: as a shared cache must
 * (RFC 9111, 3.5), requests with credentials never use it (the engine sends them past it) and
 * {@link #SHARED_CACHE_RULES} keeps {@code Cache-Control: private} responses out of it.
 */
public final class HttpDiskCache implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(HttpDiskCache.class);

	/**
	 * Marks a response {@code no-store} before the cache sees it when it is {@code private}, or answers a
	 * request sent with credentials (RFC 9111's rules for shared caches). A network interceptor: it sees the
	 * request as sent, with what interceptors added (a token, a cookie).
	 */
	static final Interceptor SHARED_CACHE_RULES = (chain) -> {
		Response response = chain.proceed(chain.request());
		boolean shareable = !response.cacheControl().isPrivate() && !hasCredentials(chain.request());
		if (shareable || response.cacheControl().noStore()) {
			return response;
		}
		return response.newBuilder().addHeader("Cache-Control", "no-store").build();
	};

	/** Whether a request carries credentials, whose responses a shared cache neither serves nor stores. */
	static boolean hasCredentials(Request request) {
		return request.header("Authorization") != null || request.header("Cookie") != null;
	}

	private final Cache cache;

	private final FileChannel lockChannel;

	private final Path ownDirectory;

	/** The directory asked for (the cache may be in a directory of its own beside it), and its size. */
	private final Path directory;

	private final long maxSize;

	private HttpDiskCache(Cache cache, FileChannel lockChannel, Path ownDirectory, Path directory, long maxSize) {
		this.cache = cache;
		this.lockChannel = lockChannel;
		this.ownDirectory = ownDirectory;
		this.directory = directory;
		this.maxSize = maxSize;
	}

	/**
	 * Opens the cache in {@code directory}, or in a directory of its own beside it when another cache holds
	 * that one.
	 * @param maxSize the most bytes it may hold
	 * @throws IOException when neither directory can be created
	 */
	public static HttpDiskCache open(Path directory, long maxSize) throws IOException {
		Path dir = directory.toAbsolutePath().normalize();
		Files.createDirectories(dir);
		FileChannel channel = FileChannel.open(dir.resolve(".wx-network.lock"), StandardOpenOption.CREATE,
				StandardOpenOption.WRITE);
		FileLock lock;
		try {
			lock = channel.tryLock();
		}
		catch (OverlappingFileLockException ex) {
			lock = null;
		}
		if (lock != null) {
			return new HttpDiskCache(new Cache(dir.toFile(), maxSize), channel, null, dir, maxSize);
		}
		channel.close();
		Path own = Files.createTempDirectory(dir.getParent(), dir.getFileName() + "-");
		logger.warn("The HTTP cache directory {} is in use by another wx-network (another instance on this host, "
				+ "or another application context): this one caches in {} until it closes; give each instance "
				+ "its own wx.network.cache.dir", dir, own);
		return new HttpDiskCache(new Cache(own.toFile(), maxSize), null, own, dir, maxSize);
	}

	/**
	 * A cache of the same size in a new directory beside this one ({@code <dir>-<name>-<random>}), deleted
	 * when it is closed: for calls whose responses must not be shared with the others' (OkHttp keys a cache
	 * by URL alone). It lives as long as the application, so none piles up across restarts.
	 * @throws IOException when its directory cannot be created
	 */
	public HttpDiskCache partition(String name) throws IOException {
		Path own = Files.createTempDirectory(this.directory.getParent(), this.directory.getFileName() + "-" + name + "-");
		return new HttpDiskCache(new Cache(own.toFile(), this.maxSize), null, own, own, this.maxSize);
	}

	public Cache cache() {
		return this.cache;
	}

	@Override
	public void close() {
		try {
			if (this.ownDirectory != null) {
				this.cache.delete();
				Files.deleteIfExists(this.ownDirectory);
			}
			else {
				this.cache.close();
			}
		}
		catch (IOException ex) {
			logger.debug("Could not close the HTTP cache", ex);
		}
		finally {
			closeLock();
		}
	}

	private void closeLock() {
		if (this.lockChannel != null) {
			try {
				this.lockChannel.close();
			}
			catch (IOException ex) {
				logger.debug("Could not release the HTTP cache's lock", ex);
			}
		}
	}

}
