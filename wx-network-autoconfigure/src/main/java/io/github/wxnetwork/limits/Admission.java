package io.github.wxnetwork.limits;

import java.time.Duration;

import io.github.wxnetwork.TaskView;

/**
 * A task waiting for its slot, as a {@link TaskLimiter} holds it: which task it is, and the two ways its
 * wait can end. The engine makes one per task; the limiter only decides when.
 */
public interface Admission {

	TaskView task();

	/**
	 * How long the task may run once started (its timeout, retries included), or null when not known: what a
	 * limiter that leases its slots leases them for.
	 */
	default Duration timeout() {
		return null;
	}

	/**
	 * Moves the task from QUEUED to RUNNING and hands it to the engine (never blocks).
	 * @return false when the task ended while it waited (aborted, shut down): it did not start and its
	 * slot is unused
	 */
	boolean start();

	/**
	 * Ends the waiting task with {@code exceed max task count} (600007). Only a QUEUED task can be
	 * rejected: once {@link #start()} has started it, or it has ended, this does nothing.
	 */
	void reject();

}
