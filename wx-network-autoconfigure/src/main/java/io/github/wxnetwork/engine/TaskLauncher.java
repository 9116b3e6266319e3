package io.github.wxnetwork.engine;

import java.time.Duration;

import io.github.wxnetwork.limits.TaskLimiter;

/**
 * Where every valid task of every kind goes: registered (for ops), handed to the limiter (its slot), then
 * run by the engine. When it ends, the registry forgets it and the limiter frees its slot, before any
 * user callback runs, so a throwing callback can never hold a slot.
 */
public final class TaskLauncher {

	private final WxHttpEngine engine;

	private final TaskLimiter limiter;

	private final TaskRegistry registry;

	public TaskLauncher(WxHttpEngine engine, TaskLimiter limiter, TaskRegistry registry) {
		this.engine = engine;
		this.limiter = limiter;
		this.registry = registry;
	}

	public WxHttpEngine engine() {
		return this.engine;
	}

	<R> void launch(AbstractWxTask<R> task, Exchange<R> exchange, Duration timeout) {
		this.registry.add(task);
		task.lifecycle((ended, wasRunning) -> {
			this.registry.remove(ended);
			this.limiter.ended(ended, wasRunning);
		});
		this.limiter.submit(task, () -> this.engine.execute(task, exchange, timeout));
	}

	/** A task's timeout: its own, else the kind's default; zero or negative is refused. */
	static Duration timeout(TaskKind kind, Duration requested, Duration defaultTimeout) {
		Duration timeout = (requested != null) ? requested : defaultTimeout;
		if (timeout == null || timeout.isZero() || timeout.isNegative()) {
			throw Failures.invalid(kind, "invalid timeout " + timeout + ": it must be positive");
		}
		return timeout;
	}

}
