package io.github.wxnetwork.actuate;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A loopback JDK HTTP server whose slow paths wait on a latch the test controls, so tests can hold
 * tasks RUNNING (or mid-body) for as long as they need without sleeping:
 * <ul>
 * <li>{@code /slow}: counts the arrival, waits for {@link #release()}, then answers 200 {@code ok};</li>
 * <li>{@code /dribble}: answers 200 with {@code Content-Length: 1000}, sends the first 400 bytes, waits for
 * {@link #release()}, then sends the rest;</li>
 * <li>{@code /fast}: answers 200 {@code {}} at once.</li>
 * </ul>
 * Every wait is bounded, so a forgotten release never hangs the build.
 */
final class HeldServer implements AutoCloseable {

	static final int DRIBBLE_TOTAL = 1000;

	static final int DRIBBLE_FIRST = 400;

	private static final long MAX_HOLD_SECONDS = 20;

	private final HttpServer server;

	private final ExecutorService executor = Executors.newCachedThreadPool((runnable) -> {
		Thread thread = new Thread(runnable, "held-server");
		thread.setDaemon(true);
		return thread;
	});

	private final CountDownLatch release = new CountDownLatch(1);

	/** One permit per request that reached a handler (any path). */
	final Semaphore arrivals = new Semaphore(0);

	private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();

	/** Request headers of every request, in arrival order. */
	final List<Map<String, List<String>>> headers = new CopyOnWriteArrayList<>();

	HeldServer() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.server.setExecutor(this.executor);
		this.server.createContext("/slow", (exchange) -> handle(exchange, () -> {
			awaitRelease();
			respond(exchange, "ok".getBytes(StandardCharsets.UTF_8));
		}));
		this.server.createContext("/dribble", (exchange) -> handle(exchange, () -> {
			exchange.sendResponseHeaders(200, DRIBBLE_TOTAL);
			OutputStream body = exchange.getResponseBody();
			body.write(new byte[DRIBBLE_FIRST]);
			body.flush();
			awaitRelease();
			body.write(new byte[DRIBBLE_TOTAL - DRIBBLE_FIRST]);
			body.close();
		}));
		this.server.createContext("/fast", (exchange) -> handle(exchange,
				() -> respond(exchange, "{}".getBytes(StandardCharsets.UTF_8))));
		this.server.start();
	}

	int port() {
		return this.server.getAddress().getPort();
	}

	String url(String pathAndQuery) {
		return "http://127.0.0.1:" + port() + pathAndQuery;
	}

	/** How many requests reached {@code path}. */
	int hits(String path) {
		AtomicInteger count = this.hits.get(path);
		return (count != null) ? count.get() : 0;
	}

	/** Waits (bounded) until {@code count} more requests have reached the server. */
	boolean awaitArrivals(int count) throws InterruptedException {
		return this.arrivals.tryAcquire(count, 10, TimeUnit.SECONDS);
	}

	/** Lets every held response (now and later) go on. */
	void release() {
		this.release.countDown();
	}

	@Override
	public void close() {
		release();
		this.server.stop(0);
		this.executor.shutdownNow();
	}

	private void awaitRelease() {
		try {
			this.release.await(MAX_HOLD_SECONDS, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private void handle(HttpExchange exchange, IoAction action) {
		try {
			this.headers.add(Map.copyOf(exchange.getRequestHeaders()));
			this.hits.computeIfAbsent(exchange.getRequestURI().getPath(), (path) -> new AtomicInteger())
				.incrementAndGet();
			exchange.getRequestBody().readAllBytes();
			this.arrivals.release();
			action.run();
		}
		catch (IOException ex) {
			// The client went away (aborted or timed out): nothing to answer.
		}
		finally {
			exchange.close();
		}
	}

	private static void respond(HttpExchange exchange, byte[] body) throws IOException {
		exchange.sendResponseHeaders(200, body.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(body);
		}
	}

	@FunctionalInterface
	private interface IoAction {

		void run() throws IOException;

	}

}
