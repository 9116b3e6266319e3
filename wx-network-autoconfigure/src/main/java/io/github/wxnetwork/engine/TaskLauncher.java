package io.github.wxnetwork.engine;

import io.github.wxnetwork.TaskKind;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.github.wxnetwork.TaskState;
import io.github.wxnetwork.WxNetworkException;

import io.github.wxnetwork.limits.TaskLimiter;

/**
 * Where every valid task of every kind goes: registered (for ops), handed to the limiter (its slot), then
 * run by the engine. When it ends, the registry forgets it and the limiter frees its slot, before any
 * user callback runs, so a throwing callback can never hold a slot.
 */
public final class TaskLauncher implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(TaskLauncher.class);

	/** After the grace period, how long aborted tasks get to clean up (delete their part files). */
	private static final Duration ABORT_CLEAN_UP = Duration.ofSeconds(5);

	private final WxHttpEngine engine;

	private final TaskLimiter limiter;

	private final TaskRegistry registry;

	private final TaskObserver observer;

	private final Duration shutdownGrace;

	private volatile boolean closed;

	/**
	 * @param observer watches every task from the template call to its end (metrics, tracing)
	 * @param shutdownGrace how long {@link #close()} lets running tasks finish before aborting them
	 */
	public TaskLauncher(WxHttpEngine engine, TaskLimiter limiter, TaskRegistry registry, TaskObserver observer,
			Duration shutdownGrace) {
		this.engine = engine;
		this.limiter = limiter;
		this.registry = registry;
		this.observer = observer;
		this.shutdownGrace = shutdownGrace;
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
			task.observation(this.observer.start(task));
		}
		catch (RuntimeException ex) {
			// A broken metrics or tracing handler must not make a template call throw.
			logger.warn("Could not observe wx-network task {}", task.id(), ex);
		}
		if (this.closed) {
			task.failLater(Failures.invalid(task.kind(), "wx-network is shut down"));
			return task;
		}
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

	/**
	 * Shuts down gracefully: new tasks fail at once, queued ones are aborted (they never start), running
	 * ones get {@code shutdownGrace} to finish, then are aborted, which removes their partial files.
	 */
	@Override
	public void close() {
		this.closed = true;
		try {
			abortAll(TaskState.QUEUED);
			if (!this.registry.awaitEmpty(this.shutdownGrace)) {
				logger.info("Aborting {} wx-network task(s) still running after the shutdown grace of {}",
						this.registry.active().size(), this.shutdownGrace);
				abortAll(null);
				this.registry.awaitEmpty(ABORT_CLEAN_UP);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			abortAll(null);
		}
	}

	private void abortAll(TaskState only) {
		for (AbstractWxTask<?> task : List.copyOf(this.registry.active())) {
			if (only == null || task.state() == only) {
				task.abort();
			}
		}
	}

}
