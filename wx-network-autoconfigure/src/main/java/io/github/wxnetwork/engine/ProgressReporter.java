package io.github.wxnetwork.engine;

/**
 * WeChat's progress rule: {@code floor(100 * done / total)}, reported when the integer percentage
 * changes; with an unknown total (below 1), progress 0 and total 0 on each change of the byte count.
 * Reports only ever go up: when the same body is sent again (an upload re-sent after a 307/308
 * redirect or on a retried connection) the count restarts, and nothing is reported until it passes
 * what was already reported.
 */
final class ProgressReporter {

	/** Receives one progress report. */
	@FunctionalInterface
	interface Sink {

		void report(int progress, long done, long total);

	}

	private final long total;

	private final Sink sink;

	private int lastProgress = -1;

	private long lastDone = -1;

	ProgressReporter(long total, Sink sink) {
		this.total = total;
		this.sink = sink;
	}

	long total() {
		return this.total;
	}

	void update(long done) {
		if (this.total <= 0) {
			if (done > this.lastDone) {
				this.lastDone = done;
				this.sink.report(0, done, 0);
			}
			return;
		}
		int progress = (int) Math.min(100, (100 * done) / this.total);
		if (progress > this.lastProgress) {
			this.lastProgress = progress;
			this.sink.report(progress, done, this.total);
		}
	}

}
