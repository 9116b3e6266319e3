package io.github.wxnetwork.sample;

import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The jar that {@code package} leaves in {@code target/} runs with {@code java -jar}, as an ops person would start
 * it: the repackaged one, in a JVM of its own, with the JDK that runs the build. Run by failsafe after
 * {@code package}; nothing of the application is on this test's class path.
 */
@Timeout(60)
class ExecutableJarIT {

	/** From start to UP takes 3–5 s here; the limit is for a busy machine. */
	private static final Duration START_UP = Duration.ofSeconds(30);

	@TempDir
	Path work;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	@Test
	void theRepackagedJarStartsAndRelaysAnItem() throws Exception {
		int port = freePort();
		Path log = this.work.resolve("sample.log");
		Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
				jar().toString(), "--server.port=" + port, "--relay.storage-dir=" + this.work.resolve("storage"),
				"--wx.network.temp-dir=" + this.work.resolve("wx-temp"), "--spring.output.ansi.enabled=never")
			.directory(this.work.toFile())
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		try {
			HttpResponse<String> health = awaitHealth(process, port, log);
			assertThat(health.body()).contains("\"status\":\"UP\"");
			HttpResponse<String> item = get(port, "/relay/items/1");
			assertThat(item.statusCode()).as(item.body()).isEqualTo(200);
			assertThat(item.body()).contains("\"id\":1").contains("\"name\":\"item-1\"");
		}
		finally {
			stop(process);
		}
	}

	/** {@code target/sample-service-<version>.jar}: failsafe is told its name; the {@code .original} is not it. */
	private static Path jar() throws IOException {
		String named = System.getProperty("sample.jar");
		if (named != null) {
			return Path.of(named);
		}
		try (Stream<Path> files = Files.list(Path.of("target"))) {
			List<Path> jars = files.filter((file) -> file.getFileName().toString().matches("sample-service-.*\\.jar"))
				.toList();
			assertThat(jars).as("the repackaged jar in target/").hasSize(1);
			return jars.get(0);
		}
	}

	/** Polls /actuator/health until it answers 200, the process dies, or the deadline passes. */
	private HttpResponse<String> awaitHealth(Process process, int port, Path log) throws Exception {
		Instant deadline = Instant.now().plus(START_UP);
		while (Instant.now().isBefore(deadline)) {
			if (!process.isAlive()) {
				fail("java -jar exited with %d:%n%s", process.exitValue(), Files.readString(log));
			}
			try {
				HttpResponse<String> health = get(port, "/actuator/health");
				if (health.statusCode() == 200) {
					return health;
				}
			}
			catch (ConnectException ex) {
				// not listening yet
			}
			// the next attempt waits for the process, at most 200 ms: no fixed sleep between polls
			process.waitFor(200, TimeUnit.MILLISECONDS);
		}
		return fail("not UP within %s:%n%s", START_UP, Files.readString(log));
	}

	private HttpResponse<String> get(int port, String path) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.timeout(Duration.ofSeconds(10))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	/** SIGTERM to it and whatever it started (a graceful shutdown), then SIGKILL to what is left after 10 s. */
	private static void stop(Process process) throws InterruptedException {
		List<ProcessHandle> children = process.descendants().toList();
		children.forEach(ProcessHandle::destroy);
		process.destroy();
		if (!process.waitFor(10, TimeUnit.SECONDS)) {
			process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
		}
		children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
