package io.github.wxnetwork.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Live heap: used heap right after a full collection ({@code System.gc()}, a full GC under G1 unless
 * the JVM was told otherwise), so what is counted is what the running work retains, not garbage that
 * has not been collected yet.
 */
public final class Heap {

	private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

	private Heap() {
	}

	public static long live() {
		System.gc();
		System.gc();
		return MEMORY.getHeapMemoryUsage().getUsed();
	}

	public static double mib(long bytes) {
		return bytes / (1024.0 * 1024.0);
	}

	/** Samples the live heap every {@code periodMillis} on its own thread until closed; keeps the peak. */
	public static final class Sampler implements AutoCloseable {

		private final AtomicLong peak = new AtomicLong();

		private final AtomicLong samples = new AtomicLong();

		private final Periodic periodic;

		public Sampler(long periodMillis) {
			this.periodic = new Periodic("heap-sampler", periodMillis, () -> {
				this.peak.accumulateAndGet(live(), Math::max);
				this.samples.incrementAndGet();
			});
		}

		public long peak() {
			return this.peak.get();
		}

		public long samples() {
			return this.samples.get();
		}

		@Override
		public void close() throws InterruptedException {
			this.periodic.close();
		}

	}

}
