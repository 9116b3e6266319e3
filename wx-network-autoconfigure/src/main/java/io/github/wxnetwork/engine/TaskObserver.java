package io.github.wxnetwork.engine;

import java.util.Map;

import io.github.wxnetwork.TaskView;
import io.github.wxnetwork.WxNetworkException;

/**
 * Watches tasks from their start to their end: the seam for metrics and tracing, kept free of any
 * metrics library. {@link #start} is called when a template is called; the scope it returns
 * ends exactly once, when the task does, whatever way it ends.
 */
@FunctionalInterface
public interface TaskObserver {

	TaskObserver NONE = (task) -> Scope.NONE;

	Scope start(TaskView task);

	/** One task's observation. */
	interface Scope {

		Scope NONE = new Scope() {
		};

		/** Headers to send with the task's request (trace propagation); read once, when the request is built. */
		default Map<String, String> headers() {
			return Map.of();
		}

		/**
		 * The task left its kind's queue: it took its slot, or ended while waiting for one (aborted, rejected).
		 * Called at most once, before {@link #stop}; never for a task that failed before it was queued.
		 * @param queuedNanos how long it waited QUEUED
		 */
		default void dequeued(TaskView task, long queuedNanos) {
		}

		/**
		 * @param task the task, now in its terminal state ({@link TaskView#statusCode()} is set when a
		 * response arrived)
		 * @param failure why it failed, or null on success
		 */
		default void stop(TaskView task, WxNetworkException failure) {
		}

	}

}
