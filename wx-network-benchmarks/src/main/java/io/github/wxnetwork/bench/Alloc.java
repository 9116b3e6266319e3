package io.github.wxnetwork.bench;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Bytes allocated per call, on every thread of the JVM (the caller's and the client's own: an
 * engine or dispatcher thread allocates for the call too), from HotSpot's per-thread counters
 * ({@code com.sun.management.ThreadMXBean}), like JMH's {@code -prof gc}.
 */
public final class Alloc {

	private static final com.sun.management.ThreadMXBean THREADS = (com.sun.management.ThreadMXBean) ManagementFactory
		.getThreadMXBean();

	private Alloc() {
	}

	/** Sequential calls for {@code time}; returns bytes allocated per call. */
	public static double perCall(Duration time, Load.Call call) throws Exception {
		// A short run first, so threads a client starts lazily exist before the first snapshot.
		for (int i = 0; i < 200; i++) {
			call.call();
		}
		Map<Long, Long> before = snapshot();
		long calls = 0;
		long end = System.nanoTime() + time.toNanos();
		while (System.nanoTime() < end) {
			call.call();
			calls++;
		}
		Map<Long, Long> after = snapshot();
		long total = 0;
		for (Map.Entry<Long, Long> entry : after.entrySet()) {
			long delta = entry.getValue() - before.getOrDefault(entry.getKey(), 0L);
			if (delta > 0) {
				total += delta;
			}
		}
		return (double) total / calls;
	}

	private static Map<Long, Long> snapshot() {
		long[] ids = THREADS.getAllThreadIds();
		long[] bytes = THREADS.getThreadAllocatedBytes(ids);
		Map<Long, Long> map = new HashMap<>();
		for (int i = 0; i < ids.length; i++) {
			if (bytes[i] >= 0) {
				map.put(ids[i], bytes[i]);
			}
		}
		return map;
	}

}
