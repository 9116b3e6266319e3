package io.github.wxnetwork.bench;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A closed-loop load: {@code threads} callers, each calling again as soon as its call returns. The
 * threads run without a pause through the warm-up into the measured window; only calls that start and
 * end inside the window count, so throughput is completed calls over the window's length.
 */
public final class Load {

	/** One call: a whole request, response decoded. Returns the decoded value (checked once, then ignored). */
	@FunctionalInterface
	public interface Call {

		Object call() throws Exception;

	}

	/** The outcome of a window. */
	public record Outcome(int threads, long calls, double seconds, long errors, String firstError, Stats latencies,
			long cpuNanos) {

		public double perSecond() {
			return this.calls / this.seconds;
		}

		/** CPU time of the whole client JVM (all threads: callers, client threads, JIT, GC) per call, in µs. */
		public double cpuMicrosPerCall() {
			return (this.calls == 0 || this.cpuNanos < 0) ? Double.NaN : this.cpuNanos / 1000.0 / this.calls;
		}

	}

	private static final com.sun.management.OperatingSystemMXBean OS = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
		.getOperatingSystemMXBean();

	private Load() {
	}

	public static Outcome run(int threads, Duration warmup, Duration window, Call call) throws InterruptedException {
		CountDownLatch ready = new CountDownLatch(threads);
		CountDownLatch go = new CountDownLatch(1);
		AtomicLong errors = new AtomicLong();
		AtomicReference<String> firstError = new AtomicReference<>();
		Stats.LongList[] latencies = new Stats.LongList[threads];
		long[] windowStart = new long[1];
		long[] windowEnd = new long[1];
		Thread[] workers = new Thread[threads];
		for (int t = 0; t < threads; t++) {
			Stats.LongList mine = new Stats.LongList();
			latencies[t] = mine;
			workers[t] = new Thread(() -> {
				ready.countDown();
				try {
					go.await();
				}
				catch (InterruptedException ex) {
					return;
				}
				long from = windowStart[0];
				long to = windowEnd[0];
				while (true) {
					long start = System.nanoTime();
					if (start >= to) {
						return;
					}
					try {
						call.call();
					}
					catch (Exception | Error ex) {
						errors.incrementAndGet();
						firstError.compareAndSet(null, ex.toString());
						if (errors.get() > 1000) {
							return;
						}
						continue;
					}
					long end = System.nanoTime();
					if (start >= from && end <= to) {
						mine.add(end - start);
					}
				}
			}, "load-" + t);
			workers[t].start();
		}
		ready.await();
		long now = System.nanoTime();
		windowStart[0] = now + warmup.toNanos();
		windowEnd[0] = windowStart[0] + window.toNanos();
		go.countDown();
		sleepUntil(windowStart[0]);
		long cpuStart = OS.getProcessCpuTime();
		sleepUntil(windowEnd[0]);
		long cpuEnd = OS.getProcessCpuTime();
		for (Thread worker : workers) {
			worker.join();
		}
		Stats stats = new Stats(Stats.LongList.concat(latencies));
		return new Outcome(threads, stats.count(), window.toNanos() / 1e9, errors.get(), firstError.get(), stats,
				(cpuStart < 0 || cpuEnd < 0) ? -1 : cpuEnd - cpuStart);
	}

	private static void sleepUntil(long nanoTime) throws InterruptedException {
		long left;
		while ((left = nanoTime - System.nanoTime()) > 0) {
			Thread.sleep(Math.max(1, left / 1_000_000));
		}
	}

}
