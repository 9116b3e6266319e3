package io.github.wxnetwork.engine;

import java.time.Instant;

import io.github.wxnetwork.TaskView;
import io.github.wxnetwork.WxNetworkException;

/**
 * A task that has ended, as the registry keeps it for a while: its view (now in a terminal state, so it no
 * longer changes) and how it ended.
 *
 * @param task the task's view
 * @param failure why it failed, or null when it succeeded
 * @param endedAtMillis when it ended (epoch milliseconds)
 */
public record FinishedTask(TaskView task, WxNetworkException failure, long endedAtMillis) {

	public Instant endedAt() {
		return Instant.ofEpochMilli(this.endedAtMillis);
	}

	/** WeChat's errMsg, its URL masked: {@code request:ok} (and so on) on success. */
	public String errMsg() {
		return (this.failure != null) ? this.task.mask(this.failure.errMsg()) : this.task.kind().api() + ":ok";
	}

	/** 0 on success. */
	public int errno() {
		return (this.failure != null) ? this.failure.errno() : 0;
	}

	/** From taking its slot to its end; 0 for a task that never ran. */
	public long elapsedMs() {
		Instant startedAt = this.task.startedAt();
		return (startedAt != null) ? Math.max(0, this.endedAtMillis - startedAt.toEpochMilli()) : 0;
	}

}
