package io.github.wxnetwork.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The slow server of the scale benchmark (issue 18), run as its own JVM by scale.sh: an HTTP/1.1 server on a
 * free loopback port that answers every GET with a small JSON object after holding it (1 s by default), and
 * holds thousands of requests at once. It prints its port as the first line on standard output.
 *
 * <pre>
 * java -cp ... io.github.wxnetwork.bench.SlowServer [--hold-ms 1000] [--threads 2000] [--port 0]
 * </pre>
 *
 * <ul>
 * <li>{@code GET /anything}: held {@code --hold-ms}, then {@code 200} and a 60-byte JSON object;
 * {@code ?hold=MS} holds that long instead (the client's warm-up uses {@code hold=0}).</li>
 * <li>{@code GET /stats}: answered at once: requests held right now, the most held at once since the last
 * {@code /stats?reset=1}, requests answered; the scale benchmark reads it to prove its requests were all on
 * the server together.</li>
 * </ul>
 * The JDK's {@code com.sun.net.httpserver} with one platform thread per held request (a fixed pool of
 * {@code --threads}, 2,000 by default) and a listen backlog of 4,096: this process is not what is measured, so
 * the simplest server that cannot be the bottleneck is the right one. Runs until SIGTERM (scale.sh's
 * exit trap).
 */
public final class SlowServer {

	private static final byte[] BODY = "{\"ok\":true,\"server\":\"slow\",\"items\":[1,2,3],\"name\":\"wx\"}"
		.getBytes(StandardCharsets.UTF_8);

	private final AtomicInteger inflight = new AtomicInteger();

	private final AtomicInteger maxInflight = new AtomicInteger();

	private final AtomicLong served = new AtomicLong();

	private final long holdMillis;

	private SlowServer(long holdMillis) {
		this.holdMillis = holdMillis;
	}

	public static void main(String[] args) throws Exception {
		long holdMillis = 1000;
		int threads = 2000;
		int port = 0;
		for (int i = 0; i + 1 < args.length; i += 2) {
			switch (args[i]) {
				case "--hold-ms" -> holdMillis = Long.parseLong(args[i + 1]);
				case "--threads" -> threads = Integer.parseInt(args[i + 1]);
				case "--port" -> port = Integer.parseInt(args[i + 1]);
				default -> throw new IllegalArgumentException("unknown option " + args[i]);
			}
		}
		SlowServer slow = new SlowServer(holdMillis);
		HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 4096);
		AtomicInteger names = new AtomicInteger();
		ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS,
				new LinkedBlockingQueue<>(), (runnable) -> {
					// Small stacks: a held request only sleeps.
					Thread thread = new Thread(null, runnable, "slow-" + names.incrementAndGet(), 256 * 1024);
					thread.setDaemon(true);
					return thread;
				});
		pool.allowCoreThreadTimeOut(true);
		server.setExecutor(pool);
		server.createContext("/", slow::handle);
		server.start();
		System.out.println(server.getAddress().getPort());
		System.out.flush();
		CountDownLatch stop = new CountDownLatch(1);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			stop.countDown();
			server.stop(0);
			shutdown(pool);
		}, "slow-server-stop"));
		stop.await();
		server.stop(0);
		shutdown(pool);
	}

	private static void shutdown(ExecutorService pool) {
		pool.shutdownNow();
	}

	private void handle(HttpExchange exchange) throws IOException {
		try {
			exchange.getRequestBody().readAllBytes();
			URI uri = exchange.getRequestURI();
			if (!"GET".equals(exchange.getRequestMethod())) {
				respond(exchange, 405, "{\"error\":\"GET only\"}".getBytes(StandardCharsets.UTF_8));
				return;
			}
			if ("/stats".equals(uri.getPath())) {
				String stats = "{\"inflight\":" + this.inflight.get() + ",\"maxInflight\":" + this.maxInflight.get()
						+ ",\"served\":" + this.served.get() + "}";
				if ("reset=1".equals(uri.getRawQuery())) {
					this.maxInflight.set(this.inflight.get());
				}
				respond(exchange, 200, stats.getBytes(StandardCharsets.UTF_8));
				return;
			}
			long hold = holdOf(uri.getRawQuery(), this.holdMillis);
			int now = this.inflight.incrementAndGet();
			this.maxInflight.accumulateAndGet(now, Math::max);
			try {
				if (hold > 0) {
					Thread.sleep(hold);
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			finally {
				this.inflight.decrementAndGet();
			}
			respond(exchange, 200, BODY);
			this.served.incrementAndGet();
		}
		finally {
			exchange.close();
		}
	}

	private static void respond(HttpExchange exchange, int status, byte[] body) throws IOException {
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(status, body.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(body);
		}
	}

	/** The {@code hold=MS} query parameter, or {@code fallback}. */
	static long holdOf(String rawQuery, long fallback) {
		if (rawQuery == null) {
			return fallback;
		}
		for (String pair : rawQuery.split("&")) {
			if (pair.startsWith("hold=")) {
				try {
					return Math.max(0, Long.parseLong(pair.substring(5)));
				}
				catch (NumberFormatException ex) {
					return fallback;
				}
			}
		}
		return fallback;
	}

}
