package io.github.wxnetwork.reliability;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.github.wxnetwork.DownloadOptions;
import io.github.wxnetwork.DownloadSuccess;
import io.github.wxnetwork.DownloadTask;
import io.github.wxnetwork.WxNetworkException;
import io.github.wxnetwork.support.WxTestKit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.github.wxnetwork.reliability.Reliability.filesUnder;
import static io.github.wxnetwork.reliability.Reliability.partFilesUnder;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An abort that lands while a download finishes (from another thread, soon after the last byte arrived):
 * whichever wins, a task that ends in {@code abort} must leave no file behind. Hundreds of downloads,
 * so the abort hits every instant of the end of the exchange, the file's move into place included.
 */
class AbortRaceTest {

	private static final int DOWNLOADS = 400;

	private static final byte[] FILE = new byte[8 * 1024];

	@TempDir
	Path dir;

	private WireMockServer wiremock;

	private WxTestKit kit;

	private ExecutorService aborter;

	@BeforeEach
	void start() {
		new Random(5).nextBytes(FILE);
		this.wiremock = new WireMockServer(wireMockConfig().dynamicPort().gzipDisabled(true).disableRequestJournal());
		this.wiremock.start();
		this.wiremock.stubFor(get("/file").willReturn(aResponse().withStatus(200)
			.withHeader("Content-Type", "application/octet-stream")
			.withBody(FILE)));
		this.kit = WxTestKit.builder().tempDir(this.dir.resolve("tmp")).defaultTimeout(Duration.ofSeconds(10)).build();
		this.aborter = Executors.newFixedThreadPool(2);
	}

	@AfterEach
	void stop() {
		this.aborter.shutdownNow();
		this.kit.close();
		this.wiremock.stop();
	}

	/** Downloads to tempFilePath: an abort that wins after the move must not orphan the file. */
	@Test
	void anAbortRacingTheEndOfADownloadToATempFileLeavesNoFile() throws Exception {
		Result result = race(null);
		assertThat(result.aborted).as("aborts that won the race (else the race was not explored)").hasPositiveValue();
		assertThat(filesUnder(this.dir.resolve("tmp"))).as("files left in the temp dir").isEmpty();
		assertThat(partFilesUnder(this.dir)).isEmpty();
		System.out.printf("abort race, tempFilePath: %d aborted, %d succeeded%n", result.aborted.get(), result.succeeded.get());
	}

	/**
	 * Downloads to a filePath: a task that ends in abort must not have replaced the file at filePath.
	 */
	@Test
	void anAbortRacingTheEndOfADownloadToAFilePathLeavesNoFile() throws Exception {
		Path targets = Files.createDirectories(this.dir.resolve("targets"));
		Result result = race(targets);
		assertThat(result.abortedWithFile).as("aborted tasks whose filePath was written").isEmpty();
		assertThat(partFilesUnder(this.dir)).isEmpty();
	}

	static final class Result {

		final AtomicInteger aborted = new AtomicInteger();

		final AtomicInteger succeeded = new AtomicInteger();

		final List<Path> abortedWithFile = new ArrayList<>();

	}

	private Result race(Path targets) throws Exception {
		Result result = new Result();
		String url = "http://127.0.0.1:" + this.wiremock.port() + "/file";
		Random jitter = new Random(11);
		for (int i = 0; i < DOWNLOADS; i++) {
			long delayNanos = jitter.nextInt(150_000);
			Path target = (targets != null) ? targets.resolve(i + ".bin") : null;
			AtomicReference<DownloadTask> task = new AtomicReference<>();
			AtomicLong triggeredAt = new AtomicLong();
			CountDownLatch completed = new CountDownLatch(1);
			AtomicReference<WxNetworkException> failure = new AtomicReference<>();
			AtomicReference<DownloadSuccess> success = new AtomicReference<>();
			// The aborter waits on a spin, not a park: waking a parked thread takes longer than the whole end
			// of the exchange, so the abort would always come too late to race anything.
			Future<?> abort = this.aborter.submit(() -> {
				long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Reliability.WAIT_SECONDS);
				while (triggeredAt.get() == 0 || task.get() == null) {
					if (completed.getCount() == 0 || System.nanoTime() > deadline) {
						return;
					}
					Thread.onSpinWait();
				}
				long until = triggeredAt.get() + delayNanos;
				while (System.nanoTime() < until) {
					Thread.onSpinWait();
				}
				task.get().abort();
			});
			task.set(this.kit.downloadTemplate()
				.downloadFile(DownloadOptions.builder(url)
					.filePath(target)
					.onProgressUpdate((progress) -> {
						if (progress.totalBytesWritten() == FILE.length) {
							triggeredAt.set(System.nanoTime());
						}
					})
					.success(success::set)
					.fail(failure::set)
					.complete(completed::countDown)
					.build()));
			assertThat(completed.await(Reliability.WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
			abort.get(Reliability.WAIT_SECONDS, TimeUnit.SECONDS);
			if (success.get() != null) {
				result.succeeded.incrementAndGet();
				DownloadSuccess done = success.get();
				Path file = (target != null) ? done.filePath() : done.tempFilePath();
				assertThat(file).hasBinaryContent(FILE);
				Files.delete(file);
			}
			else {
				assertThat(failure.get().errMsg()).isEqualTo("downloadFile:fail abort");
				result.aborted.incrementAndGet();
				if (target != null && Files.exists(target)) {
					result.abortedWithFile.add(target);
				}
			}
		}
		return result;
	}

}
