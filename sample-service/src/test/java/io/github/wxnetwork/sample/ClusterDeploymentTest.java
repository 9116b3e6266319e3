package io.github.wxnetwork.sample;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The relay deployed as the README says for several instances: {@code wx.network.cluster.enabled} with its
 * {@code ClusterRedis} client, on Debian's redis-server started here (skipped without it; {@code .ci/run}
 * installs it). The limit is then held in Redis: health {@code wxNetwork} is UP and {@code /actuator/wxtasks}
 * shows each kind's {@code clusterRunning}.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "wx.network.cluster.enabled=true", "wx.network.cluster.health-check-interval=200ms",
				"management.endpoint.health.show-components=always", "management.endpoint.health.show-details=always" })
@DirtiesContext
class ClusterDeploymentTest {

	private static final Path REDIS = Path.of("/usr/bin/redis-server");

	private static Process redis;

	@TempDir
	static Path storage;

	private static int redisPort;

	@BeforeAll
	static void startRedis() throws IOException, InterruptedException {
		assumeTrue(Files.isExecutable(REDIS), "redis-server is not installed (.ci/run installs it)");
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			redisPort = socket.getLocalPort();
		}
		redis = new ProcessBuilder(REDIS.toString(), "--port", Integer.toString(redisPort), "--bind", "127.0.0.1",
				"--save", "", "--appendonly", "no")
			.redirectOutput(ProcessBuilder.Redirect.DISCARD)
			.redirectErrorStream(true)
			.start();
		// Bounded wait for the server process to listen.
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
		while (!listens(redisPort) && System.nanoTime() < deadline && !redis.waitFor(20, TimeUnit.MILLISECONDS)) {
			// next try
		}
		assertThat(listens(redisPort)).as("redis-server listens on port " + redisPort).isTrue();
	}

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("relay.redis-url", () -> "redis://127.0.0.1:" + redisPort);
		registry.add("relay.storage-dir", storage::toString);
	}

	@AfterAll
	static void stopRedis() throws InterruptedException {
		if (redis != null) {
			redis.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
		}
	}

	@LocalServerPort
	int port;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final JsonMapper mapper = JsonMapper.builder().build();

	@Test
	void theRelayHoldsItsLimitInRedisAndSaysSo() throws Exception {
		assertThat(get("/relay/items/3").path("id").asInt()).isEqualTo(3);

		JsonNode health = get("/actuator/health").path("components").path("wxNetwork");
		assertThat(health.path("status").asString()).isEqualTo("UP");
		assertThat(health.path("details").path("cluster").asString()).isEqualTo("wx-relay");

		JsonNode kinds = get("/actuator/wxtasks").path("kinds");
		for (String kind : new String[] { "request", "upload", "download" }) {
			assertThat(kinds.path(kind).path("limit").asInt()).isEqualTo(10);
			assertThat(kinds.path(kind).has("clusterRunning")).as(kind).isTrue();
		}
	}

	private JsonNode get(String path) throws Exception {
		HttpResponse<String> response = this.http.send(
				HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path)).timeout(Duration.ofSeconds(30)).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(path).isEqualTo(200);
		return this.mapper.readTree(response.body());
	}

	private static boolean listens(int port) {
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

}
