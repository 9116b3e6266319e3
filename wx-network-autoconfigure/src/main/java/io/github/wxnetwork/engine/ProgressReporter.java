package io.github.wxnetwork.engine;

import java.io.IOException;

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

	private static final BeforeReport NOTHING = () -> {
	};

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

	/** What must happen before a report is made (a download's bytes reaching its file). */
	@FunctionalInterface
	interface BeforeReport {

		void run() throws IOException;

	}

	void update(long done) throws IOException {
		update(done, NOTHING);
	}

	/** Like {@link #update(long)}, running {@code before} first when a report is due. */
	void update(long done, BeforeReport before) throws IOException {
		int progress = (this.total > 0) ? (int) Math.min(100, (100 * done) / this.total) : 0;
		boolean due = (this.total <= 0) ? done > this.lastDone : progress > this.lastProgress;
		if (due) {
			before.run();
			this.lastDone = done;
			this.lastProgress = progress;
			this.sink.report(progress, done, Math.max(this.total, 0));
		}
	}

}
