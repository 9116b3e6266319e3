package io.github.wxnetwork.actuate;

import java.util.EnumMap;
import java.util.Map;

import io.github.wxnetwork.TaskState;
import io.github.wxnetwork.engine.AbstractWxTask;
import io.github.wxnetwork.TaskKind;
import io.github.wxnetwork.engine.TaskRegistry;
import io.github.wxnetwork.limits.TaskLimiter;

/** Per kind: the limit, and how many tasks run and wait now. Shared by the endpoint and the gauges. */
public final class TaskStatistics {

	private final TaskRegistry registry;

	private final TaskLimiter limiter;

	public TaskStatistics(TaskRegistry registry, TaskLimiter limiter) {
		this.registry = registry;
		this.limiter = limiter;
	}

	/** A kind's numbers at one moment. */
	public record KindCounts(int limit, int running, int queued) {
	}

	public Map<TaskKind, KindCounts> byKind() {
		Map<TaskKind, int[]> counts = new EnumMap<>(TaskKind.class);
		for (TaskKind kind : TaskKind.values()) {
			counts.put(kind, new int[2]);
		}
		for (AbstractWxTask<?> task : this.registry.active()) {
			TaskState state = task.state();
			if (state == TaskState.RUNNING) {
				counts.get(task.kind())[0]++;
			}
			else if (state == TaskState.QUEUED) {
				counts.get(task.kind())[1]++;
			}
		}
		Map<TaskKind, KindCounts> result = new EnumMap<>(TaskKind.class);
		counts.forEach((kind, c) -> result.put(kind, new KindCounts(this.limiter.limit(kind), c[0], c[1])));
		return result;
	}

	public int count(TaskKind kind, TaskState state) {
		int count = 0;
		for (AbstractWxTask<?> task : this.registry.active()) {
			if (task.kind() == kind && task.state() == state) {
				count++;
			}
		}
		return count;
	}

}
