package io.github.wxnetwork.actuate;

import io.github.wxnetwork.TaskKind;

/**
 * Told how long each task waited QUEUED for its slot: {@link QueueTimers} when the application has Micrometer
 * metrics. A type of its own, free of Micrometer's metrics API, so the observer can be had without it.
 */
@FunctionalInterface
public interface QueueWaits {

	void waited(TaskKind kind, long queuedNanos);

}
