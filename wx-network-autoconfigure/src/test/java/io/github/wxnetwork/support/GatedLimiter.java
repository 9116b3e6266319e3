package io.github.wxnetwork.support;

import java.util.ArrayList;
import java.util.List;

import io.github.wxnetwork.TaskKind;
import io.github.wxnetwork.TaskView;
import io.github.wxnetwork.limits.Admission;
import io.github.wxnetwork.limits.TaskLimiter;

/**
 * A limiter that keeps every task QUEUED until {@link #open()}: lets a test act on a task (add or
 * remove listeners, abort it) before it can reach the network, without any timing. Each {@link #open()}
 * starts what is held (without a limit); later tasks are held again.
 */
public final class GatedLimiter implements TaskLimiter {

	private final TaskLimiter open = TaskLimiter.unlimited();

	private final List<Admission> held = new ArrayList<>();

	@Override
	public synchronized void submit(Admission admission) {
		this.held.add(admission);
	}

	/** A held task that ended stays held: {@link #open()} then finds it will not start (nothing runs). */
	@Override
	public void ended(TaskView task, boolean wasRunning) {
		if (wasRunning) {
			this.open.ended(task, true);
		}
	}

	public void open() {
		List<Admission> released;
		synchronized (this) {
			released = List.copyOf(this.held);
			this.held.clear();
		}
		released.forEach(this.open::submit);
	}

	@Override
	public int limit(TaskKind kind) {
		return -1;
	}

	@Override
	public int running(TaskKind kind) {
		return this.open.running(kind);
	}

	@Override
	public synchronized int queued(TaskKind kind) {
		return (int) this.held.stream()
			.filter((admission) -> admission.task().kind() == kind && !admission.task().state().isTerminal())
			.count();
	}

}
