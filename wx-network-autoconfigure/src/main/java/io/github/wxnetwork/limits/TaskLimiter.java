package io.github.wxnetwork.limits;

import io.github.wxnetwork.TaskKind;
import io.github.wxnetwork.TaskView;

/**
 * Decides when a task may take the network, as OkHttp's {@code Dispatcher} does, and so is the one
 * place that knows how many tasks run and wait. A task is submitted QUEUED; the limiter starts it with
 * {@link Admission#start()} when a slot is free, and is told when every task ends so it can give the
 * slot to the next one.
 */
public interface TaskLimiter {

	/** Starts the task now or later; never blocks the caller. */
	void submit(Admission admission);

	/**
	 * @param task a task that ended, submitted earlier
	 * @param wasRunning whether it held a slot (it was RUNNING, not QUEUED)
	 */
	void ended(TaskView task, boolean wasRunning);

	/** How many tasks of a kind may run at once, or -1 for no limit. */
	int limit(TaskKind kind);

	/** How many tasks of a kind hold a slot now. */
	int running(TaskKind kind);

	/** How many tasks of a kind wait for a slot now. */
	int queued(TaskKind kind);

	/**
	 * How many tasks of a kind hold a slot across the cluster (every instance sharing the limit), or -1 when
	 * the limit is this instance's own.
	 */
	default int clusterRunning(TaskKind kind) {
		return -1;
	}

	/** Starts every task at once: for tests and for users who put their own limit in front. */
	static TaskLimiter unlimited() {
		return new UnlimitedTaskLimiter();
	}

}
