package io.github.wxnetwork.bench;

import java.util.Arrays;

/** Percentiles of a set of latencies (nanoseconds). */
public final class Stats {

	private final long[] sorted;

	public Stats(long[] latencies) {
		this.sorted = latencies.clone();
		Arrays.sort(this.sorted);
	}

	public int count() {
		return this.sorted.length;
	}

	/** The value at quantile q (0..1), nearest rank; 0 when empty. */
	public long quantile(double q) {
		if (this.sorted.length == 0) {
			return 0;
		}
		int rank = (int) Math.ceil(q * this.sorted.length) - 1;
		return this.sorted[Math.max(0, Math.min(this.sorted.length - 1, rank))];
	}

	public double mean() {
		if (this.sorted.length == 0) {
			return 0;
		}
		double sum = 0;
		for (long value : this.sorted) {
			sum += value;
		}
		return sum / this.sorted.length;
	}

	/** Nanoseconds as microseconds with one decimal. */
	public static String micros(long nanos) {
		return String.format(java.util.Locale.ROOT, "%.1f", nanos / 1000.0);
	}

	/** A growable array of longs (a worker thread's latencies, recorded without boxing). */
	public static final class LongList {

		private long[] values = new long[1 << 14];

		private int size;

		public void add(long value) {
			if (this.size == this.values.length) {
				this.values = Arrays.copyOf(this.values, this.size * 2);
			}
			this.values[this.size++] = value;
		}

		public int size() {
			return this.size;
		}

		public long[] toArray() {
			return Arrays.copyOf(this.values, this.size);
		}

		public static long[] concat(LongList... lists) {
			int total = 0;
			for (LongList list : lists) {
				total += list.size;
			}
			long[] all = new long[total];
			int at = 0;
			for (LongList list : lists) {
				System.arraycopy(list.values, 0, all, at, list.size);
				at += list.size;
			}
			return all;
		}

	}

}
