package io.github.wxnetwork.limits.cluster;

import java.time.Duration;

import io.github.wxnetwork.TaskView;
import io.github.wxnetwork.limits.Admission;

/**
 * What the local queue holds for a task of the cluster limit: when the local queue gives it a slot, the task
 * goes on to wait for a cluster permit instead of starting. Its queue wait counts from its submission, in both
 * queues together.
 */
final class ClusterAdmission implements Admission {

	private final Admission queued;

	private final ClusterPermits permits;

	private final long queueDeadline;

	ClusterAdmission(Admission queued, ClusterPermits permits, long queueDeadline) {
		this.queued = queued;
		this.permits = permits;
		this.queueDeadline = queueDeadline;
	}

	/** The engine's admission: the task's real start. */
	Admission queued() {
		return this.queued;
	}

	@Override
	public TaskView task() {
		return this.queued.task();
	}

	@Override
	public Duration timeout() {
		return this.queued.timeout();
	}

	/** The local slot is ours: on to the cluster permit (false: give the local slot back). */
	@Override
	public boolean start() {
		return this.permits.enter(this, this.queueDeadline);
	}

	@Override
	public void reject() {
		this.queued.reject();
	}

}
