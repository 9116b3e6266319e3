package io.github.wxnetwork.engine;

import io.github.wxnetwork.WxNetworkException;

/** Told once when a task ends, before its callbacks run: forgets it, frees its slot, ends its observation. */
@FunctionalInterface
interface TaskLifecycle {

	TaskLifecycle NONE = (wasRunning, failure) -> {
	};

	/**
	 * @param wasRunning whether the task held a slot (it was RUNNING, not QUEUED)
	 * @param failure why it failed, or null on success
	 */
	void ended(boolean wasRunning, WxNetworkException failure);

}
