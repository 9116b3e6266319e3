package io.github.wxnetwork.reliability;

import io.github.wxnetwork.WxErrno;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.wxnetwork.DownloadOptions;
import io.github.wxnetwork.DownloadSuccess;
import io.github.wxnetwork.RequestOptions;
import io.github.wxnetwork.RequestSuccess;
import io.github.wxnetwork.TaskState;
import io.github.wxnetwork.UploadOptions;
import io.github.wxnetwork.UploadSuccess;
import io.github.wxnetwork.WxNetworkException;
import io.github.wxnetwork.WxTask;
import io.github.wxnetwork.TaskKind;
import io.github.wxnetwork.reliability.Reliability.ClosingServer;
import io.github.wxnetwork.support.WxTestKit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.github.wxnetwork.reliability.Reliability.assertNoNewWxThreads;
import static io.github.wxnetwork.reliability.Reliability.assertNothingHeld;
import static io.github.wxnetwork.reliability.Reliability.drain;
import static io.github.wxnetwork.reliability.Reliability.filesUnder;
import static io.github.wxnetwork.reliability.Reliability.openFileDescriptors;
import static io.github.wxnetwork.reliability.Reliability.partFilesUnder;
import static io.github.wxnetwork.reliability.Reliability.wxThreads;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The soak: many tasks of the three kinds at the limit (10 each) against local servers, with random
 * aborts (while queued and while running), faults and timeouts, then an exact reconciliation: every
 * task one success or one fail and one complete, the outcome its plan allows, permits back, queues and
 * registry empty, no file left, threads and file descriptors back to the baseline.
 *
 * <p>Runs in the normal build with 10,000 tasks (seconds on 2 cores). Longer mode:
 * {@code mvn -B test -pl wx-network-autoconfigure -Dtest=SoakTest -Dwx.soak.tasks=100000}
 * ({@code -Dwx.soak.seed=<n>} picks another random sequence).
 */
@Tag("soak")
class SoakTest {

	private static final int TASKS = Integer.getInteger("wx.soak.tasks", 10_000);

	private static final long SEED = Long.getLong("wx.soak.seed", 20261122L);

	private static final int MAX_CONCURRENT = 10;

	/** Tasks in flight at once across the kinds: about 10 running and 30 queued per kind. */
	private static final int WINDOW = 3 * (MAX_CONCURRENT + 30);

	private static final int FILE_SIZE = 4096;

	private static final Duration STALL_TIMEOUT = Duration.ofMillis(150);

	/** Names of the servers' and the test's own threads, left out of the thread count. */
	private static final String SERVER_THREADS = "soak-";

	@TempDir
	Path dir;

	private HttpServer server;

	private ThreadPoolExecutor serverThreads;

	private ClosingServer closing;

	private final CountDownLatch releaseStalls = new CountDownLatch(1);

	private final byte[] fileContent = new byte[FILE_SIZE];

	private final List<Path> uploads = new ArrayList<>();

	enum Plan {

		NORMAL, FAULT_TRUNCATED_BODY, FAULT_CLOSED_CONNECTION, TIMEOUT

	}

	enum AbortWay {

		NONE, RIGHT_AFTER_START, ON_HEADERS, AFTER_DELAY

	}

	/** One task's plan and everything that happened to it. */
	static final class Rec {

		final int index;

		final TaskKind kind;

		final Plan plan;

		final AbortWay abortWay;

		final boolean toTempFile;

		volatile WxTask<?> task;

		volatile TaskState stateAtAbort;

		volatile boolean abortedOnHeaders;

		final AtomicInteger successes = new AtomicInteger();

		final AtomicInteger failures = new AtomicInteger();

		final AtomicInteger completions = new AtomicInteger();

		volatile WxNetworkException error;

		volatile String successProblem;

		/** A download to filePath that ended in abort although its file had been moved into place. */
		volatile boolean abortedButWritten;

		Rec(int index, TaskKind kind, Plan plan, AbortWay abortWay, boolean toTempFile) {
			this.index = index;
			this.kind = kind;
			this.plan = plan;
			this.abortWay = abortWay;
			this.toTempFile = toTempFile;
		}

		boolean abortAttempted() {
			return this.stateAtAbort != null;
		}

		@Override
		public String toString() {
			return "task #" + this.index + " " + this.kind + " " + this.plan + " abort=" + this.abortWay + "@"
					+ this.stateAtAbort + " s/f/c=" + this.successes + "/" + this.failures + "/" + this.completions
					+ " error=" + ((this.error != null) ? this.error.errMsg() : null) + " problem=" + this.successProblem;
		}

	}

	/** The figures of one run. */
	static final class Figures {

		int tasks;

		int successes;

		int abortsAttempted;

		int abortsWhileQueued;

		int abortsWhileRunning;

		int abortsEffective;

		int faults;

		int timeouts;

		/** Known bug (AbortRaceTest, disabled): an abort racing a download's move into place. */
		int abortedButWritten;

		/** Tasks whose callbacks or outcome do not reconcile with their plan. */
		final List<String> mismatches = new ArrayList<>();

		/** Slots, registry entries, files, threads or descriptors not given back. */
		final List<String> leaks = new ArrayList<>();

	}

	@BeforeEach
	void startServers() throws IOException {
		new Random(SEED).nextBytes(this.fileContent);
		AtomicInteger count = new AtomicInteger();
		this.serverThreads = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS, new SynchronousQueue<>(),
				(runnable) -> {
					Thread thread = new Thread(runnable, SERVER_THREADS + "server-" + count.incrementAndGet());
					thread.setDaemon(true);
					return thread;
				});
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 200);
		this.server.setExecutor(this.serverThreads);
		this.server.createContext("/", this::handle);
		this.server.start();
		this.closing = new ClosingServer(1024, SERVER_THREADS + "closing-");
		for (int i = 0; i < 3; i++) {
			this.uploads.add(Files.write(Files.createDirectories(this.dir.resolve("uploads")).resolve("u" + i + ".bin"),
					this.fileContent));
		}
	}

	@AfterEach
	void stopServers() throws IOException {
		this.releaseStalls.countDown();
		this.server.stop(0);
		this.serverThreads.shutdownNow();
		this.closing.close();
	}

	/** Thrown by the handler to make the JDK server drop the connection mid-body. */
	static final class TruncatedOnPurpose extends RuntimeException {

		TruncatedOnPurpose() {
			super("truncated on purpose", null, false, false);
		}

	}

	private void handle(HttpExchange exchange) throws IOException {
		try {
			drain(exchange);
			String path = exchange.getRequestURI().getPath();
			OutputStream out = exchange.getResponseBody();
			switch (path) {
				case "/ok" -> {
					byte[] body = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
					exchange.getResponseHeaders().add("Content-Type", "application/json");
					exchange.sendResponseHeaders(200, body.length);
					out.write(body);
				}
				case "/upload" -> {
					exchange.sendResponseHeaders(200, 2);
					out.write("ok".getBytes(StandardCharsets.UTF_8));
				}
				case "/file" -> {
					exchange.getResponseHeaders().add("Content-Type", "application/octet-stream");
					exchange.sendResponseHeaders(200, FILE_SIZE);
					out.write(this.fileContent);
				}
				case "/truncated" -> {
					// Declares the whole file and sends 100 bytes; a handler that throws makes the JDK server
					// drop the connection (closing the exchange would leave it open, waiting for the rest).
					exchange.sendResponseHeaders(200, FILE_SIZE);
					out.write(this.fileContent, 0, 100);
					out.flush();
					throw new TruncatedOnPurpose();
				}
				case "/stall" -> {
					exchange.sendResponseHeaders(200, FILE_SIZE);
					out.write(this.fileContent, 0, 100);
					out.flush();
					this.releaseStalls.await(5, TimeUnit.SECONDS);
				}
				default -> exchange.sendResponseHeaders(404, -1);
			}
			exchange.close();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (IOException ex) {
			// The client gave up (abort, timeout).
			exchange.close();
		}
	}

	@Test
	void tenThousandTasksReconcileExactly() throws Exception {
		// Warm-up: servers, pools and JIT reach their steady state; then the baseline is taken.
		Figures warmUp = run(600, SEED + 1);
		assertThat(warmUp.mismatches).isEmpty();
		assertThat(warmUp.leaks).isEmpty();
		long baselineFds = openFileDescriptors();
		int baselineThreads = otherThreads();
		Set<String> baselineNames = otherThreadNames();

		long started = System.nanoTime();
		Figures figures = run(TASKS, SEED);
		Duration duration = Duration.ofNanos(System.nanoTime() - started);

		// After the kit closed: descriptors and threads back near the baseline (a few JDK / OkHttp
		// housekeeping threads and sockets closing asynchronously are tolerated).
		this.releaseStalls.countDown();
		if (baselineFds >= 0) {
			try {
				await().atMost(Duration.ofSeconds(20)).until(() -> openFileDescriptors() <= baselineFds + 10);
			}
			catch (org.awaitility.core.ConditionTimeoutException ex) {
				figures.leaks.add("file descriptors: baseline " + baselineFds + ", now " + openFileDescriptors());
			}
		}
		try {
			await().atMost(Duration.ofSeconds(20)).until(() -> otherThreads() <= baselineThreads + 4);
		}
		catch (org.awaitility.core.ConditionTimeoutException ex) {
			figures.leaks.add("threads: baseline " + baselineThreads + ", now " + otherThreads());
		}

		System.out.printf(
				"wx-network soak: tasks=%d successes=%d aborts=%d (attempted %d: %d while queued, %d while running) "
						+ "faults=%d timeouts=%d duration=%.1fs (%.0f tasks/s) fds=%d->%d threads=%d->%d mismatches=%d leaks found=%d "
						+ "aborted downloads whose filePath was written=%d%n",
				figures.tasks, figures.successes, figures.abortsEffective, figures.abortsAttempted,
				figures.abortsWhileQueued, figures.abortsWhileRunning, figures.faults, figures.timeouts,
				duration.toMillis() / 1000.0, figures.tasks / Math.max(0.001, duration.toMillis() / 1000.0), baselineFds,
				openFileDescriptors(), baselineThreads, otherThreads(), figures.mismatches.size(), figures.leaks.size(), figures.abortedButWritten);
		Set<String> newNames = otherThreadNames();
		newNames.removeAll(baselineNames);
		if (!newNames.isEmpty()) {
			System.out.println("soak: threads not in the baseline: " + newNames);
		}
		figures.mismatches.forEach((mismatch) -> System.out.println("soak mismatch: " + mismatch));
		figures.leaks.forEach((leak) -> System.out.println("soak leak: " + leak));
		assertThat(figures.mismatches).as("tasks that do not reconcile").isEmpty();
		assertThat(figures.leaks).as("leaks").isEmpty();
		assertThat(figures.abortedButWritten).as("aborted downloads whose filePath was written").isZero();
		assertThat(figures.tasks).isEqualTo(TASKS);
		// The mix really happened (about 20% aborts, 10% faults, 2% timeouts).
		assertThat(figures.abortsWhileQueued).isPositive();
		assertThat(figures.abortsWhileRunning).isPositive();
		assertThat(figures.abortsEffective).isGreaterThan(TASKS / 10);
		assertThat(figures.faults).isGreaterThan(TASKS / 20);
		assertThat(figures.timeouts).isPositive();
	}

	private static Set<String> otherThreadNames() {
		Set<String> names = new java.util.TreeSet<>();
		for (Thread thread : Thread.getAllStackTraces().keySet()) {
			if (thread.isAlive() && !thread.getName().startsWith(SERVER_THREADS)) {
				names.add(thread.getName());
			}
		}
		return names;
	}

	/** Threads other than the servers' and the test's own. */
	private static int otherThreads() {
		int count = 0;
		for (Thread thread : Thread.getAllStackTraces().keySet()) {
			if (thread.isAlive() && !thread.getName().startsWith(SERVER_THREADS)) {
				count++;
			}
		}
		return count;
	}

	private String url(String path) {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + path;
	}

	/** One kit, {@code tasks} tasks, then the reconciliation; the kit is closed and its threads joined. */
	private Figures run(int tasks, long seed) throws Exception {
		Figures figures = new Figures();
		figures.tasks = tasks;
		Set<Thread> threadsBefore = wxThreads();
		BulkheadRegistry bulkheads = BulkheadRegistry.ofDefaults();
		Path tempDir = this.dir.resolve("tmp-" + seed);
		Path targets = Files.createDirectories(this.dir.resolve("targets-" + seed));
		WxTestKit kit = WxTestKit.builder()
			.tempDir(tempDir)
			.defaultTimeout(Duration.ofSeconds(30))
			.bulkheadLimiter(bulkheads, MAX_CONCURRENT, Duration.ofMinutes(30))
			.build();
		AtomicInteger aborterCount = new AtomicInteger();
		ScheduledThreadPoolExecutor aborter = new ScheduledThreadPoolExecutor(1, (runnable) -> {
			Thread thread = new Thread(runnable, SERVER_THREADS + "aborter-" + aborterCount.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
		Random random = new Random(seed);
		Semaphore window = new Semaphore(WINDOW);
		CountDownLatch allComplete = new CountDownLatch(tasks);
		List<Rec> recs = new ArrayList<>(tasks);
		long deadlineSeconds = Math.max(100, tasks / 50);
		try {
			for (int i = 0; i < tasks; i++) {
				assertThat(window.tryAcquire(60, TimeUnit.SECONDS)).as("a slot in the submission window").isTrue();
				TaskKind kind = TaskKind.values()[random.nextInt(3)];
				double roll = random.nextDouble();
				Plan plan = (roll < 0.05) ? Plan.FAULT_TRUNCATED_BODY
						: (roll < 0.10) ? Plan.FAULT_CLOSED_CONNECTION : (roll < 0.12) ? Plan.TIMEOUT : Plan.NORMAL;
				double abortRoll = random.nextDouble();
				AbortWay abortWay = (abortRoll < 0.08) ? AbortWay.RIGHT_AFTER_START
						: (abortRoll < 0.14) ? AbortWay.ON_HEADERS : (abortRoll < 0.20) ? AbortWay.AFTER_DELAY : AbortWay.NONE;
				Rec rec = new Rec(i, kind, plan, abortWay, random.nextBoolean());
				long delayMicros = random.nextInt(5000);
				recs.add(rec);
				Runnable done = () -> {
					rec.completions.incrementAndGet();
					window.release();
					allComplete.countDown();
				};
				WxTask<?> task = start(kit, rec, targets, done);
				rec.task = task;
				switch (abortWay) {
					case RIGHT_AFTER_START -> abort(rec);
					case ON_HEADERS -> task.onHeadersReceived((headers) -> {
						rec.abortedOnHeaders = true;
						abort(rec);
					});
					case AFTER_DELAY -> aborter.schedule(() -> abort(rec), delayMicros, TimeUnit.MICROSECONDS);
					case NONE -> {
					}
				}
			}
			assertThat(allComplete.await(deadlineSeconds, TimeUnit.SECONDS)).as("every task completed").isTrue();
			aborter.shutdown();
			assertThat(aborter.awaitTermination(10, TimeUnit.SECONDS)).isTrue();

			reconcile(recs, figures);
			try {
				assertNothingHeld(kit, bulkheads, MAX_CONCURRENT);
			}
			catch (AssertionError ex) {
				figures.leaks.add("slots: " + ex.getMessage());
			}
			if (!partFilesUnder(this.dir).isEmpty()) {
				figures.leaks.add("partial files: " + partFilesUnder(this.dir));
			}
			// Successful downloads were deleted by their success callback; failures must leave nothing.
			if (!filesUnder(tempDir).isEmpty() || !filesUnder(targets).isEmpty()) {
				figures.leaks.add("files left: " + filesUnder(tempDir) + " " + filesUnder(targets));
			}
		}
		finally {
			aborter.shutdownNow();
			kit.close();
		}
		try {
			assertNoNewWxThreads(threadsBefore, Duration.ofSeconds(15));
		}
		catch (AssertionError ex) {
			figures.leaks.add("wx-network threads: " + ex.getMessage());
		}
		return figures;
	}

	/**
	 * Whether the task's future settles. Delivery completes it right after the complete callback, on the
	 * same thread, so a task counted as complete may be a moment away from a done future: a bounded wait.
	 */
	private static boolean settles(WxTask<?> task) {
		try {
			task.toCompletableFuture().get(10, TimeUnit.SECONDS);
			return true;
		}
		catch (ExecutionException | CancellationException ex) {
			return true;
		}
		catch (TimeoutException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	private static void abort(Rec rec) {
		rec.stateAtAbort = rec.task.state();
		rec.task.abort();
	}

	private WxTask<?> start(WxTestKit kit, Rec rec, Path targets, Runnable done) {
		String path = switch (rec.plan) {
			case NORMAL -> switch (rec.kind) {
				case REQUEST -> "/ok";
				case UPLOAD -> "/upload";
				case DOWNLOAD -> "/file";
			};
			case FAULT_TRUNCATED_BODY -> "/truncated";
			case TIMEOUT -> "/stall";
			case FAULT_CLOSED_CONNECTION -> null;
		};
		String url = (path != null) ? url(path) : this.closing.url("/closed");
		Duration timeout = (rec.plan == Plan.TIMEOUT) ? STALL_TIMEOUT : null;
		switch (rec.kind) {
			case REQUEST -> {
				return kit.requestTemplate()
					.request(RequestOptions.builder(url)
						.timeout(timeout)
						.success((result) -> succeeded(rec, checkRequest(result)))
						.fail((error) -> failed(rec, error))
						.complete(done)
						.build());
			}
			case UPLOAD -> {
				return kit.uploadTemplate()
					.uploadFile(UploadOptions.builder(url, this.uploads.get(rec.index % this.uploads.size()), "file")
						.formData(Map.of("index", Integer.toString(rec.index)))
						.timeout(timeout)
						.success((result) -> succeeded(rec, checkUpload(result)))
						.fail((error) -> failed(rec, error))
						.complete(done)
						.build());
			}
			default -> {
				Path target = rec.toTempFile ? null : targets.resolve(rec.index + ".bin");
				return kit.downloadTemplate()
					.downloadFile(DownloadOptions.builder(url)
						.filePath(target)
						.timeout(timeout)
						.success((result) -> succeeded(rec, checkDownload(result, target)))
						.fail((error) -> {
							if (target != null && error.errno() == WxErrno.ABORT && Files.exists(target)) {
								// An aborted download must not have written its filePath (AbortRaceTest): counted, must be 0.
								rec.abortedButWritten = true;
								deleteQuietly(target);
							}
							failed(rec, error);
						})
						.complete(done)
						.build());
			}
		}
	}

	private static void succeeded(Rec rec, String problem) {
		rec.successProblem = problem;
		rec.successes.incrementAndGet();
	}

	private static void deleteQuietly(Path file) {
		try {
			Files.deleteIfExists(file);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static void failed(Rec rec, WxNetworkException error) {
		rec.error = error;
		rec.failures.incrementAndGet();
	}

	private static String checkRequest(RequestSuccess result) {
		return (result.statusCode() == 200 && Map.of("ok", true).equals(result.data())) ? null : "request " + result;
	}

	private static String checkUpload(UploadSuccess result) {
		return (result.statusCode() == 200 && "ok".equals(result.data())) ? null : "upload " + result;
	}

	/** The downloaded file must be whole; it is deleted so the soak's directories end empty. */
	private String checkDownload(DownloadSuccess result, Path target) {
		Path file = (target != null) ? result.filePath() : result.tempFilePath();
		try {
			byte[] content = Files.readAllBytes(file);
			Files.delete(file);
			boolean whole = result.statusCode() == 200 && java.util.Arrays.equals(content, this.fileContent)
					&& (target == null || target.equals(result.filePath()));
			return whole ? null : "download " + result + " of " + content.length + " bytes";
		}
		catch (IOException ex) {
			return "download " + result + ": " + ex;
		}
	}

	/**
	 * Each task: exactly one of success / fail and one complete; success only when its plan was a normal
	 * exchange; fail only with its plan's errno (600001 for a fault, 5 for a timeout) or, if it was
	 * aborted, 600003; a task aborted from its headers listener must end aborted.
	 */
	private static void reconcile(List<Rec> recs, Figures figures) {
		Set<String> ids = new HashSet<>();
		Map<String, Integer> problems = new TreeMap<>();
		for (Rec rec : recs) {
			List<String> wrong = new ArrayList<>();
			if (!ids.add(rec.task.id())) {
				wrong.add("duplicate id");
			}
			if (rec.completions.get() != 1) {
				wrong.add("complete ran " + rec.completions.get() + " times");
			}
			if (rec.successes.get() + rec.failures.get() != 1) {
				wrong.add("success + fail ran " + (rec.successes.get() + rec.failures.get()) + " times");
			}
			if (!settles(rec.task)) {
				wrong.add("future not done");
			}
			if (rec.abortAttempted()) {
				figures.abortsAttempted++;
			}
			if (rec.successes.get() == 1) {
				figures.successes++;
				if (rec.plan != Plan.NORMAL) {
					wrong.add("succeeded although planned " + rec.plan);
				}
				if (rec.successProblem != null) {
					wrong.add(rec.successProblem);
				}
				if (rec.abortedOnHeaders) {
					wrong.add("succeeded although aborted from its headers listener");
				}
			}
			else if (rec.error != null) {
				int errno = rec.error.errno();
				String api = rec.kind.api();
				if (errno == WxErrno.ABORT) {
					figures.abortsEffective++;
					if (rec.stateAtAbort == TaskState.QUEUED) {
						figures.abortsWhileQueued++;
					}
					else {
						figures.abortsWhileRunning++;
					}
					if (!rec.abortAttempted()) {
						wrong.add("aborted although nobody aborted it");
					}
					if (!rec.error.errMsg().equals(api + ":fail abort")) {
						wrong.add("errMsg " + rec.error.errMsg());
					}
					if (rec.abortedButWritten) {
						figures.abortedButWritten++;
					}
					if (rec.task.state() != TaskState.ABORTED) {
						wrong.add("state " + rec.task.state());
					}
				}
				else {
					if (rec.abortedOnHeaders && !(rec.plan == Plan.TIMEOUT && errno == WxErrno.TIMEOUT)) {
						wrong.add("aborted from its headers listener but failed with " + rec.error.errMsg());
					}
					if (rec.task.state() != TaskState.FAILED) {
						wrong.add("state " + rec.task.state());
					}
					switch (rec.plan) {
						case NORMAL -> wrong.add("failed " + rec.error.errMsg());
						case TIMEOUT -> {
							figures.timeouts++;
							if (errno != 5 || !rec.error.errMsg().equals(api + ":fail timeout")) {
								wrong.add("expected a timeout, got " + rec.error.errMsg());
							}
						}
						default -> {
							figures.faults++;
							if (errno != WxErrno.NETWORK_ERROR || !rec.error.errMsg().startsWith(api + ":fail ")) {
								wrong.add("expected 600001, got " + rec.error.errMsg() + " / " + errno);
							}
						}
					}
				}
			}
			if (!wrong.isEmpty()) {
				String key = rec.plan + "/" + rec.abortWay + ": " + wrong;
				problems.merge(key, 1, Integer::sum);
				if (problems.get(key) == 1) {
					System.out.println("soak: " + rec + " -> " + wrong);
				}
			}
		}
		problems.forEach((problem, count) -> figures.mismatches.add(count + "x " + problem));
	}

}
