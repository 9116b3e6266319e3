package io.github.wxnetwork.bench;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

import io.github.wxnetwork.RequestOptions;
import io.github.wxnetwork.RequestSuccess;
import io.github.wxnetwork.RequestTask;
import io.github.wxnetwork.WxNetworkException;
import io.github.wxnetwork.WxRequestTemplate;
import io.github.wxnetwork.bench.wxapp.WxBenchApp;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * Issue 18, "Scale": 1,000 concurrent slow requests ({@code wx.network.max-concurrent-tasks=1000}, the
 * {@link SlowServer} holds each 1 s), fired at once from one thread through the auto-configured
 * {@code WxRequestTemplate}: completion time, platform threads, heap. Run by scale.sh in its own JVM, once on
 * Java 17 and once on Java 25; prints one {@code scale.<metric>=<value>} line per metric on standard output.
 *
 * <pre>
 * java -Xms1g -Xmx1g -XX:+UseG1GC -cp ... io.github.wxnetwork.bench.ScaleBench --base http://127.0.0.1:PORT
 *      [--tasks 1000] [--hold-ms 1000] [--work DIR]
 * </pre>
 *
 * Two bursts of {@code --tasks} requests after a warm-up. The first is the measured one: wall time from the
 * first {@code request()} call to the last completion, the peak of live platform threads (ThreadMXBean:
 * {@code resetPeakThreadCount} before, {@code getPeakThreadCount} after; it counts platform threads only, so
 * virtual threads never show in it, their carrier threads do), the used heap sampled every 10 ms (no GC: what
 * the JVM holds, garbage included) and the process's resident memory (platform threads' stacks are native
 * memory, outside the heap; virtual threads' stacks are heap objects). The second burst is only for the live
 * heap: one full GC when the requests are surely all in flight (60 % into the hold), minus the live heap just
 * before the burst: what 1,000 requests in flight retain, without the pause disturbing the first burst's time.
 */
public final class ScaleBench {

	private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

	private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

	private static final Method IS_VIRTUAL = isVirtualMethod();

	private ScaleBench() {
	}

	public static void main(String[] args) throws Exception {
		Map<String, String> options = options(args);
		String base = required(options, "--base");
		int tasks = Integer.parseInt(options.getOrDefault("--tasks", "1000"));
		long holdMillis = Long.parseLong(options.getOrDefault("--hold-ms", "1000"));
		String work = options.getOrDefault("--work", System.getProperty("java.io.tmpdir") + "/wx-scale-bench");
		Files.createDirectories(Path.of(work));
		// WxBenchApp reads the work dir (its temp-dir setting) from the suite's system property.
		System.setProperty("bench.work", work);
		System.setProperty("bench.base", base);

		emit("javaVersion", System.getProperty("java.version"));
		emit("javaRuntime", System.getProperty("java.runtime.name") + " " + System.getProperty("java.runtime.version"));
		emit("javaVm", System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version"));
		emit("maxHeapMiB", fmt(Heap.mib(Runtime.getRuntime().maxMemory())));
		emit("cores", Runtime.getRuntime().availableProcessors());
		emit("tasks", tasks);
		emit("holdMs", holdMillis);
		emit("loadAvgStart", loadAverage());

		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("wx.network.max-concurrent-tasks", String.valueOf(tasks));
		// The default timeout (60 s) is far above the 1 s hold; set anyway, so a slow machine is not a failure.
		properties.put("wx.network.request.timeout", "120s");
		properties.put("wx.network.max-queue-wait", "120s");
		try (ConfigurableApplicationContext context = WxBenchApp.start(WxBenchApp.class, properties)) {
			WxRequestTemplate template = context.getBean(WxRequestTemplate.class);
			String slowUrl = base + "/slow";
			warmUp(template, base, slowUrl);

			// Burst 1: time, threads, sampled heap and RSS.
			Observed observed = new Observed();
			stats(template, base, true);
			long liveBefore = Heap.live();
			long rssBefore = rssBytes();
			long gcBefore = gcCount();
			int threadsBefore = THREADS.getThreadCount();
			Set<Long> idsBefore = threadIds();
			long startedBefore = THREADS.getTotalStartedThreadCount();
			Burst burst;
			try (Sampler sampler = new Sampler(10)) {
				THREADS.resetPeakThreadCount();
				burst = fire(template, slowUrl, tasks, observed);
				burst.awaitAll();
				sampler.stop();
				emit("platformThreadsBefore", threadsBefore);
				emit("platformThreadsPeak", THREADS.getPeakThreadCount());
				emit("platformThreadsSampledPeak", sampler.threadsPeak.get());
				emit("platformThreadsStarted", THREADS.getTotalStartedThreadCount() - startedBefore);
				emit("platformThreadsNew", newThreadsByName(idsBefore));
				emit("heapLiveBeforeMiB", fmt(Heap.mib(liveBefore)));
				emit("heapUsedPeakMiB", fmt(Heap.mib(sampler.heapPeak.get())));
				emit("heapUsedPeakDeltaMiB", fmt(Heap.mib(sampler.heapPeak.get() - liveBefore)));
				emit("heapSamples", sampler.samples.get());
				emit("rssBeforeMiB", fmt(Heap.mib(rssBefore)));
				emit("rssPeakMiB", fmt(Heap.mib(sampler.rssPeak.get())));
				emit("rssPeakDeltaMiB", fmt(Heap.mib(sampler.rssPeak.get() - rssBefore)));
			}
			emit("gcCollections", gcCount() - gcBefore);
			emit("completionMs", fmt(burst.completionNanos() / 1e6));
			emit("submitMs", fmt(burst.submitNanos / 1e6));
			long[] latencies = burst.latencies();
			emit("latencyMinMs", fmt(latencies[0] / 1e6));
			emit("latencyP50Ms", fmt(latencies[latencies.length / 2] / 1e6));
			emit("latencyMaxMs", fmt(latencies[latencies.length - 1] / 1e6));
			emit("succeeded", burst.succeeded.get());
			emit("status200", burst.status200.get());
			emit("failed", burst.failed.get());
			if (burst.firstError.get() != null) {
				emit("firstError", burst.firstError.get());
			}
			emit("serverMaxInflight", stats(template, base, false).getOrDefault("maxInflight", "n/a"));
			emit("engineThreadsSeen", observed.threadIds.size());
			emit("engineThreadsVirtual", observed.virtualCalls.get() + "/" + observed.calls.get());
			emit("engineThreadKind", observed.kind());
			emit("engineThreadName", observed.sampleName.get());

			// Burst 2: the live heap with every request in flight.
			Heap.live();
			long liveBefore2 = Heap.live();
			Burst second = fire(template, slowUrl, tasks, new Observed());
			long at = second.firstNanos + holdMillis * 600_000L;
			while (System.nanoTime() < at) {
				Thread.sleep(Math.max(1, (at - System.nanoTime()) / 1_000_000));
			}
			int threadsInFlight = THREADS.getThreadCount();
			long sampledAtNanos = System.nanoTime() - second.firstNanos;
			long liveInFlight = Heap.live();
			int done = second.done.get();
			second.awaitAll();
			emit("heapLiveBefore2MiB", fmt(Heap.mib(liveBefore2)));
			emit("heapLiveInFlightMiB", fmt(Heap.mib(liveInFlight)));
			emit("heapLiveInFlightDeltaMiB", fmt(Heap.mib(liveInFlight - liveBefore2)));
			emit("heapLivePerRequestKiB", fmt((liveInFlight - liveBefore2) / 1024.0 / tasks));
			emit("heapLiveSampledAtMs", fmt(sampledAtNanos / 1e6));
			emit("heapLiveDoneBeforeSample", done);
			emit("platformThreadsInFlight", threadsInFlight);
			emit("secondBurstSucceeded", second.status200.get());
			emit("secondBurstCompletionMs", fmt(second.completionNanos() / 1e6));
		}
		emit("loadAvgEnd", loadAverage());
		emit("done", "true");
	}

	/** Fast requests for the JIT, then two small slow bursts (engine threads, connections, the limiter). */
	private static void warmUp(WxRequestTemplate template, String base, String slowUrl) throws InterruptedException {
		for (int i = 0; i < 300; i++) {
			template.request(RequestOptions.builder(slowUrl + "?hold=0").build()).join();
		}
		for (int round = 0; round < 2; round++) {
			Burst warm = fire(template, slowUrl, 50, new Observed());
			warm.awaitAll();
			if (warm.status200.get() != 50) {
				throw new IllegalStateException("warm-up failed: " + warm.status200.get() + "/50 answered 200, first "
						+ "error: " + warm.firstError.get());
			}
		}
	}

	/** Starts {@code n} requests from this thread; {@code request()} returns at once. */
	private static Burst fire(WxRequestTemplate template, String url, int n, Observed observed) {
		Burst burst = new Burst(n);
		burst.firstNanos = System.nanoTime();
		for (int i = 0; i < n; i++) {
			int index = i;
			burst.starts[i] = System.nanoTime();
			burst.tasks[i] = template.request(RequestOptions.builder(url)
				.onHeadersReceived((headers) -> observed.saw(Thread.currentThread()))
				.complete(() -> burst.ended(index))
				.build());
		}
		burst.submitNanos = System.nanoTime() - burst.firstNanos;
		return burst;
	}

	/** The server's counters through the template (answered at once); {@code reset} restarts its maximum. */
	private static Map<String, String> stats(WxRequestTemplate template, String base, boolean reset) {
		Object data = template.request(RequestOptions.builder(base + "/stats" + (reset ? "?reset=1" : "")).build())
			.join()
			.data();
		Map<String, String> stats = new LinkedHashMap<>();
		if (data instanceof Map<?, ?> map) {
			map.forEach((key, value) -> stats.put(String.valueOf(key), String.valueOf(value)));
		}
		return stats;
	}

	/** One burst of tasks and what became of them. */
	private static final class Burst {

		final RequestTask[] tasks;

		final long[] starts;

		final long[] ends;

		final AtomicInteger done = new AtomicInteger();

		final AtomicLong lastEnd = new AtomicLong(Long.MIN_VALUE);

		final AtomicInteger succeeded = new AtomicInteger();

		final AtomicInteger status200 = new AtomicInteger();

		final AtomicInteger failed = new AtomicInteger();

		final AtomicReference<String> firstError = new AtomicReference<>();

		long firstNanos;

		long submitNanos;

		Burst(int n) {
			this.tasks = new RequestTask[n];
			this.starts = new long[n];
			this.ends = new long[n];
		}

		void ended(int index) {
			long now = System.nanoTime();
			this.ends[index] = now;
			this.lastEnd.accumulateAndGet(now, Math::max);
			this.done.incrementAndGet();
		}

		void awaitAll() {
			for (RequestTask task : this.tasks) {
				try {
					RequestSuccess success = task.join();
					this.succeeded.incrementAndGet();
					if (success.statusCode() == 200 && success.data() instanceof Map) {
						this.status200.incrementAndGet();
					}
					else {
						this.firstError.compareAndSet(null, "status " + success.statusCode() + ", data " + success.data());
					}
				}
				catch (WxNetworkException ex) {
					this.failed.incrementAndGet();
					this.firstError.compareAndSet(null, ex.errMsg());
				}
			}
			// complete() runs after the future completes: wait for the last callbacks too.
			while (this.done.get() < this.tasks.length) {
				LockSupport.parkNanos(100_000);
			}
		}

		long completionNanos() {
			return this.lastEnd.get() - this.firstNanos;
		}

		long[] latencies() {
			long[] latencies = new long[this.tasks.length];
			for (int i = 0; i < latencies.length; i++) {
				latencies[i] = this.ends[i] - this.starts[i];
			}
			Arrays.sort(latencies);
			return latencies;
		}

	}

	/** The threads the engine ran the exchanges on, as seen by a headers listener (called on that thread). */
	private static final class Observed {

		final Set<Long> threadIds = ConcurrentHashMap.newKeySet();

		final AtomicInteger calls = new AtomicInteger();

		final AtomicInteger virtualCalls = new AtomicInteger();

		final AtomicReference<String> sampleName = new AtomicReference<>();

		@SuppressWarnings("deprecation") // Thread.getId: threadId() is Java 19+, and this compiles for 17
		void saw(Thread thread) {
			this.calls.incrementAndGet();
			this.threadIds.add(thread.getId());
			boolean virtual = isVirtual(thread);
			if (virtual) {
				this.virtualCalls.incrementAndGet();
			}
			this.sampleName.compareAndSet(null, thread.getName().isEmpty() ? "(unnamed)" : thread.getName());
		}

		String kind() {
			int virtual = this.virtualCalls.get();
			if (this.calls.get() == 0) {
				return "n/a";
			}
			return (virtual == this.calls.get()) ? "virtual" : (virtual == 0) ? "platform" : "mixed";
		}

	}

	/** Samples used heap (no GC), live platform threads and resident memory every {@code periodMillis}. */
	private static final class Sampler implements AutoCloseable {

		final AtomicLong heapPeak = new AtomicLong();

		final AtomicLong rssPeak = new AtomicLong();

		final AtomicInteger threadsPeak = new AtomicInteger();

		final AtomicLong samples = new AtomicLong();

		private final Periodic periodic;

		Sampler(long periodMillis) {
			this.periodic = new Periodic("scale-sampler", periodMillis, this::sample);
		}

		private void sample() {
			this.heapPeak.accumulateAndGet(MEMORY.getHeapMemoryUsage().getUsed(), Math::max);
			this.rssPeak.accumulateAndGet(rssBytes(), Math::max);
			this.threadsPeak.accumulateAndGet(THREADS.getThreadCount(), Math::max);
			this.samples.incrementAndGet();
		}

		/** Stops sampling, with one last sample. */
		void stop() throws InterruptedException {
			if (this.periodic.stop()) {
				sample();
			}
		}

		@Override
		public void close() throws InterruptedException {
			stop();
		}

	}

	private static Set<Long> threadIds() {
		Set<Long> ids = new java.util.HashSet<>();
		for (long id : THREADS.getAllThreadIds()) {
			ids.add(id);
		}
		return ids;
	}

	/** Live platform threads that were not there before, counted by name without its number: "wx-network- ×977". */
	private static String newThreadsByName(Set<Long> before) {
		Map<String, Integer> byName = new java.util.TreeMap<>();
		for (java.lang.management.ThreadInfo info : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
			if (info != null && !before.contains(info.getThreadId())) {
				byName.merge(namePattern(info.getThreadName()), 1, Integer::sum);
			}
		}
		return ScaleReport.countsByName(byName);
	}

	/** A thread's name with its numbers replaced by {@code N}: "ForkJoinPool-1-worker-3" → "ForkJoinPool-N-worker-N". */
	static String namePattern(String name) {
		return name.replaceAll("[0-9]+", "N");
	}

	private static Method isVirtualMethod() {
		try {
			return Thread.class.getMethod("isVirtual");
		}
		catch (NoSuchMethodException ex) {
			return null; // Java 17: no virtual threads
		}
	}

	static boolean isVirtual(Thread thread) {
		if (IS_VIRTUAL == null) {
			return false;
		}
		try {
			return (Boolean) IS_VIRTUAL.invoke(thread);
		}
		catch (ReflectiveOperationException ex) {
			return false;
		}
	}

	/** Resident set size of this process ({@code VmRSS} in /proc/self/status), or 0 where there is none. */
	static long rssBytes() {
		try {
			for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
				if (line.startsWith("VmRSS:")) {
					return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
				}
			}
		}
		catch (IOException | NumberFormatException ex) {
			// Not Linux: no RSS.
		}
		return 0;
	}

	private static long gcCount() {
		long count = 0;
		for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
			count += Math.max(0, gc.getCollectionCount());
		}
		return count;
	}

	static String loadAverage() {
		try {
			String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
			return parts[0] + " " + parts[1] + " " + parts[2];
		}
		catch (IOException | RuntimeException ex) {
			return "n/a";
		}
	}

	/** {@code --name value} pairs. */
	static Map<String, String> options(String[] args) {
		Map<String, String> options = new LinkedHashMap<>();
		for (int i = 0; i < args.length; i++) {
			if (!args[i].startsWith("--") || i + 1 >= args.length) {
				throw new IllegalArgumentException("expected --name value pairs, got " + Arrays.toString(args));
			}
			options.put(args[i], args[++i]);
		}
		return options;
	}

	private static String required(Map<String, String> options, String name) {
		String value = options.get(name);
		if (value == null) {
			throw new IllegalArgumentException(name + " is required");
		}
		return value;
	}

	private static void emit(String key, Object value) {
		System.out.println(ScaleReport.line(key, String.valueOf(value)));
		System.out.flush();
	}

	private static String fmt(double value) {
		return String.format(Locale.ROOT, "%.1f", value);
	}

}
