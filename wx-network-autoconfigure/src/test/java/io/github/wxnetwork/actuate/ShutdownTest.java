package io.github.wxnetwork.actuate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import io.github.wxnetwork.DownloadOptions;
import io.github.wxnetwork.DownloadTask;
import io.github.wxnetwork.RequestOptions;
import io.github.wxnetwork.RequestSuccess;
import io.github.wxnetwork.RequestTask;
import io.github.wxnetwork.TaskState;
import io.github.wxnetwork.WxDownloadTemplate;
import io.github.wxnetwork.WxNetworkException;
import io.github.wxnetwork.WxRequestTemplate;
import io.github.wxnetwork.WxTask;
import io.github.wxnetwork.autoconfigure.WxNetworkAutoConfiguration;
import io.github.wxnetwork.support.TaskAwait;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Closing the context: new tasks fail at once, queued ones are aborted at once, running ones get
 * {@code wx.network.shutdown-grace} and are then aborted (partial files removed), and no wx-network
 * thread outlives the context.
 */
class ShutdownTest {

	private static final long WAIT = 10;

	@TempDir
	Path dir;

	private HeldServer server;

	private ApplicationContextRunner contextRunner;

	private Set<Thread> threadsBefore;

	@BeforeEach
	void start() throws IOException {
		this.server = new HeldServer();
		this.threadsBefore = wxThreads();
		this.contextRunner = new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, WxNetworkAutoConfiguration.class))
			.withPropertyValues("wx.network.temp-dir=" + this.dir.resolve("tmp"), "wx.network.max-concurrent-tasks=1");
	}

	@AfterEach
	void stop() {
		this.server.close();
	}

	@Test
	void stuckTaskIsAbortedAfterTheGraceAndQueuedTaskAtOnce() {
		this.contextRunner.withPropertyValues("wx.network.shutdown-grace=500ms").run((context) -> {
			WxRequestTemplate requests = context.getBean(WxRequestTemplate.class);
			RequestTask stuck = requests.request(RequestOptions.builder(this.server.url("/slow")).build());
			assertThat(this.server.awaitArrivals(1)).isTrue();
			RequestTask queued = requests.request(RequestOptions.builder(this.server.url("/slow")).build());
			assertThat(queued.state()).isEqualTo(TaskState.QUEUED);

			long start = System.nanoTime();
			context.close();
			long closeMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

			// Both ended by the time close returned: no wait needed, only a bounded get to read them.
			assertThat(stuck.toCompletableFuture()).isDone();
			assertThat(queued.toCompletableFuture()).isDone();
			assertThat(failureOf(stuck).errMsg()).isEqualTo("request:fail abort");
			assertThat(failureOf(queued).errMsg()).isEqualTo("request:fail abort");
			assertThat(stuck.state()).isEqualTo(TaskState.ABORTED);
			assertThat(queued.state()).isEqualTo(TaskState.ABORTED);
			assertThat(closeMillis).as("the running task had its grace, then close returned")
				.isGreaterThanOrEqualTo(450)
				.isLessThan(5000);
			assertThat(this.server.hits("/slow")).as("the queued task never reached the network").isEqualTo(1);
		});
	}

	@Test
	void queuedTaskIsAbortedImmediatelyAndRunningTaskFinishingInGraceSucceeds() {
		this.contextRunner.withPropertyValues("wx.network.shutdown-grace=8s").run((context) -> {
			WxRequestTemplate requests = context.getBean(WxRequestTemplate.class);
			RequestTask running = requests.request(RequestOptions.builder(this.server.url("/slow")).build());
			assertThat(this.server.awaitArrivals(1)).isTrue();
			RequestTask queued = requests.request(RequestOptions.builder(this.server.url("/slow")).build());

			CompletableFuture<Long> closing = closeInBackground(context);
			// The queued task is aborted at the start of close, while the running one still has its grace.
			assertThat(failureOf(queued).errMsg()).isEqualTo("request:fail abort");
			assertThat(running.state()).isEqualTo(TaskState.RUNNING);
			assertThat(closing).isNotDone();

			this.server.release();
			RequestSuccess success = running.toCompletableFuture().get(WAIT, TimeUnit.SECONDS);
			assertThat(success.statusCode()).isEqualTo(200);
			assertThat(success.data()).isEqualTo("ok");
			long closeMillis = closing.get(WAIT, TimeUnit.SECONDS);
			assertThat(closeMillis).as("close returned once the last task ended, not after the whole grace")
				.isLessThan(8000);
			assertThat(running.state()).isEqualTo(TaskState.SUCCEEDED);
			assertThat(this.server.hits("/slow")).isEqualTo(1);
		});
	}

	@Test
	void taskSubmittedAfterCloseFailsAsShutDown() {
		this.contextRunner.withPropertyValues("wx.network.shutdown-grace=500ms").run((context) -> {
			WxRequestTemplate requests = context.getBean(WxRequestTemplate.class);
			WxDownloadTemplate downloads = context.getBean(WxDownloadTemplate.class);
			context.close();

			AtomicInteger fails = new AtomicInteger();
			CountDownLatch complete = new CountDownLatch(1);
			RequestTask request = requests.request(RequestOptions.builder(this.server.url("/fast"))
				.fail((ex) -> fails.incrementAndGet())
				.complete(complete::countDown)
				.build());
			DownloadTask download = downloads.downloadFile(DownloadOptions.builder(this.server.url("/fast")).build());

			assertThat(failureOf(request).errMsg()).isEqualTo("request:fail wx-network is shut down");
			assertThat(failureOf(download).errMsg()).isEqualTo("downloadFile:fail wx-network is shut down");
			assertThat(complete.await(WAIT, TimeUnit.SECONDS)).isTrue();
			assertThat(fails).hasValue(1);
			assertThat(request.state()).isEqualTo(TaskState.FAILED);
			assertThat(this.server.hits("/fast")).as("nothing reached the network").isZero();
		});
	}

	@Test
	void taskSubmittedWhileClosingFailsAsShutDown() {
		this.contextRunner.withPropertyValues("wx.network.shutdown-grace=8s").run((context) -> {
			WxRequestTemplate requests = context.getBean(WxRequestTemplate.class);
			RequestTask running = requests.request(RequestOptions.builder(this.server.url("/slow")).build());
			assertThat(this.server.awaitArrivals(1)).isTrue();
			RequestTask queued = requests.request(RequestOptions.builder(this.server.url("/slow")).build());
			CompletableFuture<Long> closing = closeInBackground(context);
			// The queued task's abort shows that close has begun; it is still waiting for the running one.
			assertThat(failureOf(queued).errMsg()).isEqualTo("request:fail abort");
			assertThat(closing).isNotDone();

			RequestTask late = requests.request(RequestOptions.builder(this.server.url("/fast")).build());
			assertThat(failureOf(late).errMsg()).isEqualTo("request:fail wx-network is shut down");

			this.server.release();
			running.toCompletableFuture().get(WAIT, TimeUnit.SECONDS);
			closing.get(WAIT, TimeUnit.SECONDS);
			assertThat(this.server.hits("/fast")).isZero();
		});
	}

	@Test
	void partialDownloadFileIsRemovedWhenCloseAbortsIt() {
		Path tempDir = this.dir.resolve("tmp");
		this.contextRunner.withPropertyValues("wx.network.shutdown-grace=300ms").run((context) -> {
			CountDownLatch firstBytes = new CountDownLatch(1);
			DownloadTask download = context.getBean(WxDownloadTemplate.class)
				.downloadFile(DownloadOptions.builder(this.server.url("/dribble")).onProgressUpdate((p) -> {
					if (p.totalBytesWritten() >= HeldServer.DRIBBLE_FIRST) {
						firstBytes.countDown();
					}
				}).build());
			assertThat(firstBytes.await(WAIT, TimeUnit.SECONDS)).isTrue();
			assertThat(filesUnder(tempDir)).as("the partial file while the body streams")
				.singleElement()
				.satisfies((part) -> {
					assertThat(part.getFileName().toString()).endsWith(".part");
					assertThat(Files.size(part)).isEqualTo(HeldServer.DRIBBLE_FIRST);
				});

			context.close();

			assertThat(failureOf(download).errMsg()).isEqualTo("downloadFile:fail abort");
			assertThat(filesUnder(tempDir)).as("nothing partial is left").isEmpty();
		});
	}

	@Test
	void noWxNetworkThreadOutlivesTheContext() {
		this.contextRunner.withPropertyValues("wx.network.shutdown-grace=300ms").run((context) -> {
			WxRequestTemplate requests = context.getBean(WxRequestTemplate.class);
			// Some finished work, one stuck task and one queued: pool threads and the timer exist.
			requests.request(RequestOptions.builder(this.server.url("/fast")).build())
				.toCompletableFuture()
				.get(WAIT, TimeUnit.SECONDS);
			RequestTask stuck = requests.request(RequestOptions.builder(this.server.url("/slow")).build());
			assertThat(this.server.awaitArrivals(2)).isTrue();
			requests.request(RequestOptions.builder(this.server.url("/slow")).build());
			List<Thread> ours = newWxThreads();
			assertThat(ours).extracting(Thread::getName)
				.anyMatch((name) -> name.startsWith("wx-network-timer-"))
				.anyMatch((name) -> name.matches("wx-network-\\d+"));

			context.close();

			assertThat(stuck.toCompletableFuture()).isDone();
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
			for (Thread thread : newWxThreads()) {
				thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
			}
			assertThat(newWxThreads()).as("wx-network threads alive after close").isEmpty();
		});
	}

	// --- helpers ---

	private static CompletableFuture<Long> closeInBackground(
			org.springframework.context.ConfigurableApplicationContext context) {
		return CompletableFuture.supplyAsync(() -> {
			long start = System.nanoTime();
			context.close();
			return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
		}, (runnable) -> {
			Thread thread = new Thread(runnable, "test-closer");
			thread.setDaemon(true);
			thread.start();
		});
	}

	private static WxNetworkException failureOf(WxTask<?> task) throws InterruptedException, TimeoutException {
		return TaskAwait.awaitFailure(task, WAIT);
	}

	private static List<Path> filesUnder(Path root) throws IOException {
		if (!Files.exists(root)) {
			return List.of();
		}
		try (Stream<Path> files = Files.walk(root)) {
			return files.filter(Files::isRegularFile).toList();
		}
	}

	private static Set<Thread> wxThreads() {
		Set<Thread> threads = Collections.newSetFromMap(new IdentityHashMap<>());
		for (Thread thread : Thread.getAllStackTraces().keySet()) {
			if (thread.getName().startsWith("wx-network-") && thread.isAlive()) {
				threads.add(thread);
			}
		}
		return threads;
	}

	/** The live wx-network threads that did not exist before this test (those are other engines'). */
	private List<Thread> newWxThreads() {
		return wxThreads().stream().filter((thread) -> !this.threadsBefore.contains(thread)).toList();
	}

}
