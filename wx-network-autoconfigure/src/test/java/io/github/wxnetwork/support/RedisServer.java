package io.github.wxnetwork.support;

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
import java.util.concurrent.TimeUnit;

import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.config.Config;
import org.redisson.config.SingleServerConfig;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A real Redis for the cluster tests: Debian's {@code redis-server} (installed by {@code .ci/run} when missing),
 * started on a free loopback port without persistence, and paused, stopped or started again as a test needs.
 */
public final class RedisServer implements AutoCloseable {

	private static final Path EXECUTABLE = Path.of("/usr/bin/redis-server");

	private final int port;

	private Process process;

	private RedisServer(int port) {
		this.port = port;
	}

	/** Starts one; the test is skipped (not failed) on a machine without {@code redis-server}. */
	public static RedisServer start() throws IOException, InterruptedException {
		assumeTrue(Files.isExecutable(EXECUTABLE), "redis-server is not installed (.ci/run installs it)");
		int port;
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			port = socket.getLocalPort();
		}
		RedisServer server = new RedisServer(port);
		server.restart();
		return server;
	}

	public String address() {
		return "redis://127.0.0.1:" + this.port;
	}

	/** A Redisson client with Redisson's own timeout and retries (3s, 3 retries): as an application has. */
	public RedissonClient client() {
		return client(null);
	}

	/** A Redisson client that gives up after 500ms without retrying, so a test sees Redis fail at once. */
	public RedissonClient impatientClient() {
		return client(500);
	}

	private RedissonClient client(Integer timeoutMillis) {
		Config config = new Config();
		config.setThreads(2).setNettyThreads(4);
		SingleServerConfig server = config.useSingleServer()
			.setAddress(address())
			.setConnectionMinimumIdleSize(1)
			.setConnectionPoolSize(8)
			.setSubscriptionConnectionMinimumIdleSize(1)
			.setSubscriptionConnectionPoolSize(4);
		if (timeoutMillis != null) {
			server.setTimeout(timeoutMillis).setConnectTimeout(timeoutMillis).setRetryAttempts(0);
		}
		return Redisson.create(config);
	}

	/** Starts Redis (again, empty) on its port and waits until it answers PING. */
	public void restart() throws IOException, InterruptedException {
		this.process = new ProcessBuilder(EXECUTABLE.toString(), "--port", Integer.toString(this.port), "--bind",
				"127.0.0.1", "--save", "", "--appendonly", "no", "--loglevel", "warning")
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.DISCARD)
			.start();
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
		while (!answersPing()) {
			if (!this.process.isAlive() || System.nanoTime() > deadline) {
				throw new IllegalStateException("redis-server did not start on port " + this.port);
			}
			this.process.waitFor(20, TimeUnit.MILLISECONDS);
		}
	}

	/** SIGSTOP: connections stay open and nothing answers, as a Redis stuck in a long command or a GC-paused VM. */
	public void pause() throws IOException, InterruptedException {
		signal("-STOP");
	}

	public void resume() throws IOException, InterruptedException {
		signal("-CONT");
	}

	/** Kills it: connections are refused until {@link #restart()}. */
	public void stop() throws InterruptedException {
		if (this.process != null && this.process.isAlive()) {
			this.process.destroyForcibly();
			this.process.waitFor(10, TimeUnit.SECONDS);
		}
	}

	@Override
	public void close() throws Exception {
		if (this.process != null && this.process.isAlive()) {
			resume();
		}
		stop();
	}

	private void signal(String signal) throws IOException, InterruptedException {
		new ProcessBuilder("kill", signal, Long.toString(this.process.pid())).inheritIO().start().waitFor();
	}

	private boolean answersPing() {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", this.port), 200);
			socket.setSoTimeout(1000);
			OutputStream out = socket.getOutputStream();
			out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
			out.flush();
			InputStream in = socket.getInputStream();
			byte[] reply = in.readNBytes(7);
			return new String(reply, StandardCharsets.US_ASCII).startsWith("+PONG");
		}
		catch (IOException ex) {
			return false;
		}
	}

}
