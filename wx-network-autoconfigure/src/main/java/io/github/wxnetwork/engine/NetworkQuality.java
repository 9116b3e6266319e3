package io.github.wxnetwork.engine;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Per-host network quality estimates, WeChat's {@code httpRttEstimate}, {@code transportRttEstimate},
 * {@code downstreamThroughputKbpsEstimate} and {@code estimate_nettype}: moving averages of what tasks
 * measured, kept for the most recently used hosts only (an LRU), so a server that talks to millions of
 * hosts holds a few kilobytes here, not a map that grows forever.
 */
final class NetworkQuality {

	/** Hosts remembered; the least recently used is forgotten first. */
	static final int MAX_HOSTS = 256;

	/**
	 * Weight of a new sample: RFC 6298's smoothing of TCP's own RTT estimate (alpha = 1/8), so one slow
	 * reply moves an estimate by an eighth of its excess and a lasting change takes over in a dozen tasks.
	 */
	private static final double ALPHA = 1.0 / 8;

	/**
	 * Bodies shorter than this measure latency, not bandwidth; Chromium's throughput analyzer ignores
	 * them too (its minimum transfer is 32 KB).
	 */
	static final long MIN_THROUGHPUT_BYTES = 32 * 1024;

	/** What is known of one host; -1 where nothing was measured yet. */
	record Estimate(long httpRtt, long transportRtt, long throughputKbps) {

		static final Estimate NONE = new Estimate(-1, -1, -1);

		/**
		 * Chromium's effective connection type, as its network quality estimator computes it: the slowest
		 * type whose threshold an estimate reaches. RTT thresholds are Chromium's defaults
		 * ({@code network_quality_estimator_params.cc}: HTTP 2010/1420/272 ms and transport 1870/1280/204 ms,
		 * the 33rd and 50th percentiles of Android's 2G and 3G observations); throughput thresholds are
		 * the Network Information API's table of those types (50/70/700 kbit/s). Nothing known: "unknown".
		 */
		String netType() {
			if (this.httpRtt < 0 && this.transportRtt < 0 && this.throughputKbps < 0) {
				return "unknown";
			}
			if (reaches(2010, 1870, 50)) {
				return "slow-2g";
			}
			if (reaches(1420, 1280, 70)) {
				return "2g";
			}
			if (reaches(272, 204, 700)) {
				return "3g";
			}
			return "4g";
		}

		private boolean reaches(long httpRtt, long transportRtt, long throughputKbps) {
			return this.httpRtt >= httpRtt || this.transportRtt >= transportRtt
					|| (this.throughputKbps >= 0 && this.throughputKbps <= throughputKbps);
		}

	}

	private final Map<String, double[]> hosts = new LinkedHashMap<>(16, 0.75f, true) {

		@Override
		protected boolean removeEldestEntry(Map.Entry<String, double[]> eldest) {
			return size() > MAX_HOSTS;
		}

	};

	/**
	 * Folds one task's samples into its host's estimates and returns them.
	 * @param httpRtt ms from the request sent to its response's headers, or -1
	 * @param transportRtt ms of a TCP handshake, or -1 (a reused connection shakes no hands)
	 * @param throughputKbps the body's rate when it was long enough to tell, or -1
	 */
	synchronized Estimate observe(String host, double httpRtt, double transportRtt, double throughputKbps) {
		if (host == null || host.isEmpty()) {
			return Estimate.NONE;
		}
		double[] estimate = this.hosts.computeIfAbsent(host.toLowerCase(Locale.ROOT), (key) -> new double[] { -1, -1, -1 });
		fold(estimate, 0, httpRtt);
		fold(estimate, 1, transportRtt);
		fold(estimate, 2, throughputKbps);
		return new Estimate(Math.round(estimate[0]), Math.round(estimate[1]), Math.round(estimate[2]));
	}

	synchronized int size() {
		return this.hosts.size();
	}

	private static void fold(double[] estimate, int index, double sample) {
		if (sample < 0) {
			return;
		}
		double current = estimate[index];
		if (current < 0) {
			estimate[index] = sample;
			return;
		}
		// A sample counts at most four times the estimate plus 1000 (ms, or kbit/s): one long-poll reply (the
		// server held it 30 s) cannot make a fast host "slow-2g" for the tasks after it, while an ordinary
		// change still moves the estimate at once.
		double bounded = Math.min(sample, 4 * current + 1000);
		estimate[index] = current + ALPHA * (bounded - current);
	}

}
