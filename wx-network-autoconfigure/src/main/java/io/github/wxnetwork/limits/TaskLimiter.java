package io.github.wxnetwork.limits;

import io.github.wxnetwork.engine.AbstractWxTask;
import io.github.wxnetwork.TaskKind;

/**
 * Decides when a task may take the network. A task is submitted QUEUED; the limiter calls
 * {@code start} once it has moved the task to RUNNING ({@link AbstractWxTask#markRunning()}), and is
 * told when every task ends so it can give the slot to the next one.
 */
public interface TaskLimiter {

	/** Starts the task now or later; never blocks the caller. */
	void submit(AbstractWxTask<?> task, Runnable start);

	/**
	 * @param task a task that ended
	 * @param wasRunning whether it held a slot
	 */
	void ended(AbstractWxTask<?> task, boolean wasRunning);

	/** How many tasks of a kind may run at once, or -1 for no limit. */
	default int limit(TaskKind kind) {
		return -1;
	}

	/** Starts every task at once: for tests and for users who put their own limit in front. */
	TaskLimiter UNLIMITED = new TaskLimiter() {

		@Override
		public void submit(AbstractWxTask<?> task, Runnable start) {
			if (task.markRunning()) {
				start.run();
			}
		}

		@Override
		public void ended(AbstractWxTask<?> task, boolean wasRunning) {
		}

	};

}
