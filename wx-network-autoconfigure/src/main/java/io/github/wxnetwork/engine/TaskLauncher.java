package io.github.wxnetwork.engine;

import java.time.Duration;
import java.util.function.Function;

import io.github.wxnetwork.WxNetworkException;

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

	/**
	 * Validates a new task's options and launches it. A bad option (the exchange factory or the
	 * timeout throws {@link WxNetworkException}) fails the task off the caller's thread instead of
	 * throwing: the template returns the task either way.
	 */
	<R, T extends AbstractWxTask<R>> T start(T task, Duration requested, Duration defaultTimeout,
			Function<T, Exchange<R>> exchange) {
		try {
			Duration timeout = timeout(task.kind(), requested, defaultTimeout);
			launch(task, exchange.apply(task), timeout);
		}
		catch (WxNetworkException ex) {
			task.failLater(ex);
		}
		return task;
	}

	private <R> void launch(AbstractWxTask<R> task, Exchange<R> exchange, Duration timeout) {
		this.registry.add(task);
		task.lifecycle((ended, wasRunning) -> {
			this.registry.remove(ended);
			this.limiter.ended(ended, wasRunning);
		});
		this.limiter.submit(task, () -> this.engine.execute(task, exchange, timeout));
	}

	/** A task's timeout: its own, else the kind's default; zero or negative is refused. */
	private static Duration timeout(TaskKind kind, Duration requested, Duration defaultTimeout) {
		Duration timeout = (requested != null) ? requested : defaultTimeout;
		if (timeout == null || timeout.isZero() || timeout.isNegative()) {
			throw Failures.invalid(kind, "invalid timeout " + timeout + ": it must be positive");
		}
		return timeout;
	}

}
