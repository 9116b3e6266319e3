package io.github.wxnetwork.transfer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.wxnetwork.TaskOptions;
import io.github.wxnetwork.WxNetworkException;
import io.github.wxnetwork.WxTask;
import io.github.wxnetwork.support.Arrivals;
import io.github.wxnetwork.support.TaskAwait;
import io.github.wxnetwork.support.TestFiles;
import io.github.wxnetwork.support.TestWireMock;
import io.github.wxnetwork.support.WxTestKit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the upload and download behaviour tests share: a WireMock server per test (dynamic port,
 * loopback, gzip off so Content-Length is what the stub says), a {@link WxTestKit} whose temp dir lies
 * in the test's {@link TempDir}, a response gate (hold WireMock's reply until the test lets it go) and
 * bounded waits. Nothing here sleeps.
 */
abstract class TransferTestBase {

	/** The most any single wait may take: a hang fails the test, not the build. */
	static final long WAIT_SECONDS = 10;

	@TempDir
	Path dir;

	WireMockServer server;

	WxTestKit kit;

	/** Where tempFilePath files (and their parts) go. */
	Path tempDir;

	/**
	 * Counts each request WireMock has matched (the request, body included, has fully arrived) and, while
	 * responses are held, holds it before WireMock responds.
	 */
	final Arrivals arrivals = new Arrivals(WAIT_SECONDS);

	@BeforeEach
	void startServerAndKit() {
		this.server = TestWireMock.start(this.arrivals);
		this.tempDir = this.dir.resolve("tmp");
		this.kit = kitBuilder().build();
	}

	@AfterEach
	void stopServerAndKit() {
		releaseResponses();
		this.kit.close();
		this.server.stop();
	}

	/** The knobs every test starts from: the temp dir inside the test's directory, a 10 s timeout. */
	WxTestKit.Builder kitBuilder() {
		return WxTestKit.builder().tempDir(this.tempDir).defaultTimeout(java.time.Duration.ofSeconds(WAIT_SECONDS));
	}

	/** Swaps the test's kit for one with other knobs; the old one is closed. */
	void useKit(WxTestKit.Builder builder) {
		this.kit.close();
		this.kit = builder.build();
	}

	/** WireMock by IP, so the peer address is known: {@code http://127.0.0.1:<port><path>}. */
	String url(String path) {
		return "http://127.0.0.1:" + this.server.port() + path;
	}

	/** From now on WireMock holds each matched request until {@link #releaseResponses()}. */
	void holdResponses() {
		this.arrivals.holdResponses();
	}

	void releaseResponses() {
		this.arrivals.releaseResponses();
	}

	/** Waits until WireMock has matched one more request (with its whole body). */
	void awaitArrival() throws InterruptedException {
		this.arrivals.awaitArrival();
	}

	List<LoggedRequest> received() {
		return TestWireMock.received(this.server);
	}

	LoggedRequest onlyRequest() {
		return TestWireMock.onlyRequest(this.server);
	}

	static <R> R await(WxTask<R> task) throws Exception {
		return TaskAwait.await(task, WAIT_SECONDS);
	}

	/** Waits for the task to fail and returns why; fails the test if it succeeded or hung. */
	static WxNetworkException awaitFailure(WxTask<?> task) throws InterruptedException, TimeoutException {
		return TaskAwait.awaitFailure(task, WAIT_SECONDS);
	}

	static byte[] randomBytes(int size, long seed) {
		byte[] bytes = new byte[size];
		new Random(seed).nextBytes(bytes);
		return bytes;
	}

	/** A file under {@code dir/files} with the given content. */
	Path file(String name, byte[] content) throws IOException {
		Path file = this.dir.resolve("files").resolve(name);
		Files.createDirectories(file.getParent());
		return Files.write(file, content);
	}

	/** Every regular file or link under {@code root} (recursively), empty when root does not exist. */
	static List<Path> filesUnder(Path root) {
		return TestFiles.filesUnder(root);
	}

	/** Counts and orders the success / fail / complete callbacks of one task. */
	static final class Callbacks<R> {

		final AtomicInteger successes = new AtomicInteger();

		final AtomicInteger failures = new AtomicInteger();

		final AtomicInteger completions = new AtomicInteger();

		final List<String> order = new CopyOnWriteArrayList<>();

		final List<R> results = new CopyOnWriteArrayList<>();

		final List<WxNetworkException> errors = new CopyOnWriteArrayList<>();

		/** Open once complete has run. */
		final CountDownLatch completed = new CountDownLatch(1);

		<B extends TaskOptions.Builder<R, ?, B>> B on(B builder) {
			return builder.success((result) -> {
				this.successes.incrementAndGet();
				this.results.add(result);
				this.order.add("success");
			}).fail((error) -> {
				this.failures.incrementAndGet();
				this.errors.add(error);
				this.order.add("fail");
			}).complete(() -> {
				this.completions.incrementAndGet();
				this.order.add("complete");
				this.completed.countDown();
			});
		}

		void awaitComplete() throws InterruptedException {
			assertThat(this.completed.await(WAIT_SECONDS, TimeUnit.SECONDS)).as("complete ran").isTrue();
		}

		void assertSucceededOnce() {
			assertThat(this.successes).hasValue(1);
			assertThat(this.failures).hasValue(0);
			assertThat(this.completions).hasValue(1);
			assertThat(this.order).containsExactly("success", "complete");
		}

		void assertFailedOnce() {
			assertThat(this.successes).hasValue(0);
			assertThat(this.failures).hasValue(1);
			assertThat(this.completions).hasValue(1);
			assertThat(this.order).containsExactly("fail", "complete");
		}

	}

}
