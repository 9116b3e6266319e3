package io.github.wxnetwork.engine;

/** Told when a task ends, before its callbacks run: frees its slot and forgets it. */
@FunctionalInterface
public interface TaskLifecycle {

	TaskLifecycle NONE = (task, wasRunning) -> {
	};

	/**
	 * @param task the task that ended
	 * @param wasRunning whether it held a slot (it was RUNNING, not QUEUED)
	 */
	void ended(AbstractWxTask<?> task, boolean wasRunning);

}
