package io.github.wxnetwork.limits;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.wxnetwork.TaskKind;
import io.github.wxnetwork.TaskView;

/** No limit: every task starts at once; only counts what runs. */
final class UnlimitedTaskLimiter implements TaskLimiter {

	private final Map<TaskKind, AtomicInteger> running = new EnumMap<>(TaskKind.class);

	UnlimitedTaskLimiter() {
		for (TaskKind kind : TaskKind.values()) {
			this.running.put(kind, new AtomicInteger());
		}
	}

	@Override
	public void submit(Admission admission) {
		AtomicInteger count = this.running.get(admission.task().kind());
		count.incrementAndGet();
		if (!admission.start()) {
			count.decrementAndGet();
		}
	}

	@Override
	public void ended(TaskView task, boolean wasRunning) {
		if (wasRunning) {
			this.running.get(task.kind()).decrementAndGet();
		}
	}

	@Override
	public int limit(TaskKind kind) {
		return -1;
	}

	@Override
	public int running(TaskKind kind) {
		return this.running.get(kind).get();
	}

	@Override
	public int queued(TaskKind kind) {
		return 0;
	}

}
