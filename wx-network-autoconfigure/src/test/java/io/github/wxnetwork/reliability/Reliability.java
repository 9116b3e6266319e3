package io.github.wxnetwork.reliability;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.wxnetwork.DownloadOptions;
import io.github.wxnetwork.RequestOptions;
import io.github.wxnetwork.TaskKind;
import io.github.wxnetwork.TaskOptions;
import io.github.wxnetwork.UploadOptions;
import io.github.wxnetwork.WxNetworkException;
import io.github.wxnetwork.WxTask;
import io.github.wxnetwork.limits.BulkheadTaskLimiter;
import io.github.wxnetwork.support.TestFiles;
import io.github.wxnetwork.support.WxTestKit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the reliability suites share: a callback recorder, the leak checks (permits, queue, registry,
 * partial files, threads, file descriptors) and two small misbehaving servers. Nothing here sleeps.
 */
final class Reliability {

	/** The most any single wait may take: a hang fails the test, not the build. */
	static final long WAIT_SECONDS = 15;

	private Reliability() {
	}

	/** Counts the success / fail / complete callbacks of one task. */
	static final class Outcome {

		final AtomicInteger successes = new AtomicInteger();

		final AtomicInteger failures = new AtomicInteger();

		final AtomicInteger completions = new AtomicInteger();

		volatile Object result;

		volatile WxNetworkException error;

		final CountDownLatch completed = new CountDownLatch(1);

		<R, B extends TaskOptions.Builder<R, ?, B>> B on(B builder) {
			return builder.success((result) -> {
				this.result = result;
				this.successes.incrementAndGet();
			}).fail((error) -> {
				this.error = error;
				this.failures.incrementAndGet();
			}).complete(() -> {
				this.completions.incrementAndGet();
				this.completed.countDown();
			});
		}

		void awaitComplete() throws InterruptedException {
			assertThat(this.completed.await(WAIT_SECONDS, TimeUnit.SECONDS)).as("complete ran within %s s", WAIT_SECONDS)
				.isTrue();
		}

		WxNetworkException assertFailedOnce() {
			assertThat(this.failures).as("fail callbacks").hasValue(1);
			assertThat(this.successes).as("success callbacks").hasValue(0);
			assertThat(this.completions).as("complete callbacks").hasValue(1);
			return this.error;
		}

		Object assertSucceededOnce() {
			assertThat(this.successes).as("success callbacks (fail: %s)", this.error).hasValue(1);
			assertThat(this.failures).as("fail callbacks").hasValue(0);
			assertThat(this.completions).as("complete callbacks").hasValue(1);
			return this.result;
		}

	}

	/**
	 * Starts one task of {@code kind} at {@code url} with the outcome's callbacks: an upload sends
	 * {@code file} (written to {@code dir/up.bin}), a download stores {@code dir/dl/target.bin}.
	 */
	static WxTask<?> start(WxTestKit kit, TaskKind kind, String url, Outcome outcome, Path dir, byte[] file)
			throws IOException {
		return switch (kind) {
			case REQUEST -> kit.requestTemplate().request(outcome.on(RequestOptions.builder(url)).build());
			case UPLOAD -> kit.uploadTemplate()
				.uploadFile(outcome.on(UploadOptions.builder(url, Files.write(dir.resolve("up.bin"), file), "file")).build());
			case DOWNLOAD -> kit.downloadTemplate()
				.downloadFile(outcome.on(DownloadOptions.builder(url).filePath(dir.resolve("dl/target.bin"))).build());
		};
	}

	/** No kind holds a permit or has a queued task, and the registry is empty. */
	static void assertNothingHeld(WxTestKit kit, BulkheadRegistry bulkheads, int max) {
		BulkheadTaskLimiter limiter = kit.bulkheadLimiter();
		for (TaskKind kind : TaskKind.values()) {
			Bulkhead bulkhead = bulkheads.bulkhead(BulkheadTaskLimiter.bulkheadName(kind));
			assertThat(bulkhead.getMetrics().getAvailableConcurrentCalls()).as("free permits of %s", kind)
				.isEqualTo(max);
			assertThat(bulkhead.getMetrics().getMaxAllowedConcurrentCalls()).isEqualTo(max);
			assertThat(limiter.running(kind)).as("running %s", kind).isZero();
			assertThat(limiter.queued(kind)).as("queued %s", kind).isZero();
		}
		assertThat(kit.registry().active()).as("tasks still registered").isEmpty();
	}

	/** Every regular file or link under {@code root}, recursively; empty when root does not exist. */
	static List<Path> filesUnder(Path root) {
		return TestFiles.filesUnder(root);
	}

	static List<Path> partFilesUnder(Path root) {
		return filesUnder(root).stream().filter((path) -> path.getFileName().toString().endsWith(".part")).toList();
	}

	/** The wx-network threads alive now (engine pool, timer, late-callback threads). */
	static Set<Thread> wxThreads() {
		Set<Thread> threads = new HashSet<>();
		for (Thread thread : Thread.getAllStackTraces().keySet()) {
			if (thread.getName().startsWith("wx-network-") && thread.isAlive()) {
				threads.add(thread);
			}
		}
		return threads;
	}

	/**
	 * Joins every wx-network thread that was not alive in {@code before}, within one overall deadline, and
	 * asserts none is left.
	 */
	static void assertNoNewWxThreads(Set<Thread> before, Duration deadline) throws InterruptedException {
		long end = System.nanoTime() + deadline.toNanos();
		List<Thread> left = new ArrayList<>();
		for (Thread thread : wxThreads()) {
			if (before.contains(thread)) {
				continue;
			}
			thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime())));
			if (thread.isAlive()) {
				left.add(thread);
			}
		}
		assertThat(left).as("wx-network threads still alive after the kit closed").isEmpty();
	}

	/** Open file descriptors of this JVM, or -1 where /proc/self/fd does not exist. */
	static long openFileDescriptors() {
		Path fds = Path.of("/proc/self/fd");
		if (!Files.isDirectory(fds)) {
			return -1;
		}
		try (Stream<Path> list = Files.list(fds)) {
			return list.count();
		}
		catch (IOException ex) {
			return -1;
		}
	}

	/** Reads and discards a request body, so the connection can carry the next exchange. */
	static void drain(HttpExchange exchange) throws IOException {
		try (InputStream body = exchange.getRequestBody()) {
			body.transferTo(OutputStream.nullOutputStream());
		}
	}

	/**
	 * A JDK server that drains the request, sends 200 with a {@code Content-Length} of {@code declared}
	 * and the first {@code sent} bytes, then stalls until {@link #close()} (or 30 s).
	 */
	static final class StallingServer implements AutoCloseable {

		final HttpServer server;

		final CountDownLatch release = new CountDownLatch(1);

		final CountDownLatch bodyStarted = new CountDownLatch(1);

		private final ExecutorService executor = Executors.newCachedThreadPool();

		StallingServer(int declared, int sent) throws IOException {
			this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
			this.server.setExecutor(this.executor);
			this.server.createContext("/", (exchange) -> {
				try (exchange) {
					drain(exchange);
					exchange.getResponseHeaders().add("Content-Type", "application/octet-stream");
					exchange.sendResponseHeaders(200, declared);
					OutputStream out = exchange.getResponseBody();
					out.write(new byte[sent]);
					out.flush();
					this.bodyStarted.countDown();
					this.release.await(30, TimeUnit.SECONDS);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				catch (IOException ex) {
					// The client gave up (timeout): expected.
				}
			});
			this.server.start();
		}

		String url(String path) {
			return "http://127.0.0.1:" + this.server.getAddress().getPort() + path;
		}

		@Override
		public void close() {
			this.release.countDown();
			this.server.stop(0);
			this.executor.shutdownNow();
		}

	}

	/**
	 * A raw socket server that reads the request head and at most {@code readBytes} (and at most half) of its
	 * body, then closes the connection (with unread data pending, so the peer typically sees a reset): a server that dies
	 * mid-upload. A request without a body is closed right after its head.
	 */
	static final class ClosingServer implements AutoCloseable {

		final ServerSocket socket;

		final AtomicInteger connections = new AtomicInteger();

		/** Per closed connection, how many body bytes it had read. */
		final List<Long> closedAfterBodyBytes = new CopyOnWriteArrayList<>();

		private final ExecutorService executor;

		private final int readBytes;

		ClosingServer(int readBytes, String threadPrefix) throws IOException {
			this.readBytes = readBytes;
			this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
			AtomicInteger count = new AtomicInteger();
			this.executor = Executors.newCachedThreadPool((runnable) -> {
				Thread thread = new Thread(runnable, threadPrefix + count.incrementAndGet());
				thread.setDaemon(true);
				return thread;
			});
			this.executor.execute(this::acceptLoop);
		}

		private void acceptLoop() {
			while (!this.socket.isClosed()) {
				Socket accepted;
				try {
					accepted = this.socket.accept();
				}
				catch (IOException ex) {
					return;
				}
				this.connections.incrementAndGet();
				this.executor.execute(() -> readThenClose(accepted));
			}
		}

		/** Reads the request head and, when the request has a body, some of it; then closes. */
		private void readThenClose(Socket accepted) {
			try (accepted) {
				InputStream in = accepted.getInputStream();
				ByteArrayOutputStream head = new ByteArrayOutputStream();
				int headEnd = -1;
				byte[] buffer = new byte[8192];
				int read;
				while (headEnd < 0 && (read = in.read(buffer)) != -1) {
					head.write(buffer, 0, read);
					headEnd = head.toString(StandardCharsets.ISO_8859_1).indexOf("\r\n\r\n");
				}
				if (headEnd < 0) {
					return;
				}
				String text = head.toString(StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
				// At most half of a declared body, so the close always comes while the client is sending.
				long limit = text.contains("\r\ntransfer-encoding:") ? this.readBytes : 0;
				int length = text.indexOf("\r\ncontent-length:");
				if (length >= 0) {
					int end = text.indexOf("\r\n", length + 2);
					limit = Math.min(this.readBytes,
							Long.parseLong(text.substring(length + "\r\ncontent-length:".length(), end).trim()) / 2);
				}
				long body = head.size() - (headEnd + 4);
				while (body < limit && (read = in.read(buffer)) != -1) {
					body += read;
				}
				this.closedAfterBodyBytes.add(body);
			}
			catch (IOException ex) {
				// The peer went first: fine.
			}
		}

		String url(String path) {
			return "http://127.0.0.1:" + this.socket.getLocalPort() + path;
		}

		@Override
		public void close() throws IOException {
			this.socket.close();
			this.executor.shutdownNow();
		}

	}

}
