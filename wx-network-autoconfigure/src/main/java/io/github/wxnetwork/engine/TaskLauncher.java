package io.github.wxnetwork.engine;

import java.time.Duration;
import java.util.function.Function;

import io.github.wxnetwork.TaskKind;
import io.github.wxnetwork.TaskState;
import io.github.wxnetwork.TaskView;
import io.github.wxnetwork.WxErrno;
import io.github.wxnetwork.WxNetworkException;
import io.github.wxnetwork.engine.Listeners.Callbacks;
import io.github.wxnetwork.limits.Admission;
import io.github.wxnetwork.limits.TaskLimiter;
import io.github.wxnetwork.resilience.ResiliencePolicy;
import io.github.wxnetwork.wire.WireLog;
import okhttp3.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where every task of every kind goes, in one direction: observed, validated, its request built once,
 * registered (for ops), handed to the limiter (its slot), then run by the engine. When it ends, the
 * registry forgets it, the limiter frees its slot and its observation stops, before any user callback
 * runs, so a throwing callback can never hold a slot.
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

	/** The unfinished tasks (the actuator endpoint's source). */
	public TaskRegistry registry() {
		return this.registry;
	}

	/** The limit every task goes through (its counts are the endpoint's and the gauges'). */
	public TaskLimiter limiter() {
		return this.limiter;
	}

	/**
	 * Validates a new task's options and launches it. A bad option (the round-trip factory or the
	 * timeout throws {@link WxNetworkException}) fails the task off the caller's thread instead of
	 * throwing: the template returns the task either way.
	 */
	<R, T extends AbstractWxTask<R>> T start(T task, Duration requested, Duration defaultTimeout,
			TaskRoute route, Function<T, Prepared<R>> preparation) {
		task.view().origin(route.client(), route.uriTemplate());
		Launch<R> launch = new Launch<>(task, observe(task.view()), route);
		task.lifecycle(launch);
		try {
			if (this.closed) {
				throw Failures.invalid(task.kind(), "wx-network is shut down");
			}
			Duration timeout = timeout(task.kind(), requested, defaultTimeout);
			Prepared<R> prepared = preparation.apply(task);
			launch.prepare(prepared.roundTrip(), build(prepared.request(), task, route, launch.scope, this.engine), timeout);
		}
		catch (WxNetworkException ex) {
			task.failLater(ex);
			return task;
		}
		catch (RuntimeException ex) {
			// A bug, or an observer's trace header OkHttp refuses: the task still ends (once), it never throws.
			task.failLater(new WxNetworkException(task.kind().api() + ":fail " + ex, WxErrno.NONE, ex));
			return task;
		}
		launch.registered = true;
		this.registry.add(task);
		launch.submitting = true;
		try {
			this.limiter.submit(launch);
		}
		finally {
			launch.submitting = false;
		}
		return task;
	}

	private TaskObserver.Scope observe(TaskView task) {
		try {
			return this.observer.start(task);
		}
		catch (RuntimeException ex) {
			// A broken metrics or tracing handler must not make a template call throw.
			logger.warn("Could not observe wx-network task {}", task.id(), ex);
			return TaskObserver.Scope.NONE;
		}
	}

	/**
	 * Builds the task's request once: its profile recorder as the tag OkHttp's event listener finds (unless
	 * the task turned its profile off), its transport as the tag the engine picks its client by, its wire
	 * log's tag (at headers and body), and the observation's headers (trace propagation) over the caller's.
	 */
	private static Request build(Request.Builder request, AbstractWxTask<?> task, TaskRoute route,
			TaskObserver.Scope scope, WxHttpEngine engine) {
		if (route.transport() != null) {
			route.transport().tag(request);
		}
		if (route.wireLog() != null) {
			route.wireLog().tag(request, task.view());
		}
		if (task.options().enableProfile()) {
			task.profile().enable(engine.networkQuality());
			request.tag(ProfileRecorder.class, task.profile());
		}
		scope.headers().forEach(request::header);
		return request.build();
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
			this.registry.abortAll(TaskState.QUEUED);
			if (!this.registry.awaitEmpty(this.shutdownGrace)) {
				logger.info("Aborting {} wx-network task(s) still running after the shutdown grace of {}",
						this.registry.size(), this.shutdownGrace);
				this.registry.abortAll(null);
				this.registry.awaitEmpty(ABORT_CLEAN_UP);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.registry.abortAll(null);
		}
	}

	/**
	 * One task's way through: what the limiter holds while it waits ({@link Admission}) and what the task
	 * tells when it ends ({@link TaskLifecycle}).
	 */
	private final class Launch<R> implements Admission, TaskLifecycle {

		private final AbstractWxTask<R> task;

		private final TaskObserver.Scope scope;

		private final ResiliencePolicy policy;

		private final WireLog wireLog;

		/**
		 * The thread that will join the task right after starting it, or null: see {@link TaskRoute#callerWaits()}.
		 * Dropped once the task starts.
		 */
		private volatile Thread waiter;

		/** True only while the caller's own {@code limiter.submit} runs (a slot granted at once starts inside it). */
		private volatile boolean submitting;

		/** When the template was called, when someone wants to know: the queue wait and the logged duration. */
		private final long calledAt;

		// Volatile: a limiter may start the task on any thread. Dropped when the task ends, so a task the
		// application keeps does not keep its request body alive.
		private volatile RoundTrip<R> roundTrip;

		private volatile Request request;

		private volatile Duration timeout;

		/** Set before the limiter sees the task; read by whichever thread ends it. */
		private volatile boolean registered;

		Launch(AbstractWxTask<R> task, TaskObserver.Scope scope, TaskRoute route) {
			this.task = task;
			this.scope = scope;
			this.policy = route.policy();
			this.wireLog = route.wireLog();
			this.waiter = route.callerWaits() ? Thread.currentThread() : null;
			this.calledAt = (scope != TaskObserver.Scope.NONE || this.wireLog != null) ? System.nanoTime() : 0;
		}

		void prepare(RoundTrip<R> roundTrip, Request request, Duration timeout) {
			this.roundTrip = roundTrip;
			this.request = request;
			this.timeout = timeout;
		}

		@Override
		public TaskView task() {
			return this.task.view();
		}

		@Override
		public Duration timeout() {
			return this.timeout;
		}

		@Override
		public boolean start() {
			if (!this.task.markRunning()) {
				return false;
			}
			dequeued();
			// RUNNING now, so not ended: the fields are still set. Started inside the caller's own submit (the
			// slot was free), a waiting caller joins next and runs the exchange; started any other way (later,
			// from another task's end, even on the same thread), the pool does.
			boolean callerRuns = this.submitting && this.waiter == Thread.currentThread();
			this.waiter = null;
			TaskLauncher.this.engine.execute(this.task, this.request, this.roundTrip, this.timeout,
					this.policy, callerRuns);
			return true;
		}

		@Override
		public void reject() {
			this.task.failQueued(
					Failures.fail(this.task.kind(), "exceed max task count", WxErrno.EXCEED_MAX_TASK_COUNT));
		}

		@Override
		public void ended(boolean wasRunning, WxNetworkException failure) {
			this.roundTrip = null;
			this.request = null;
			TaskLauncher.this.registry.finished(this.task, failure, this.registered);
			if (this.registered) {
				if (!wasRunning) {
					dequeued();
				}
				// A throwing limiter must not cost the task its observation or its callbacks.
				Callbacks.run(() -> TaskLauncher.this.limiter.ended(this.task.view(), wasRunning), "task limiter");
			}
			Callbacks.run(() -> this.scope.stop(this.task.view(), failure), "observation");
			if (this.wireLog != null) {
				Callbacks.run(() -> this.wireLog.ended(this.task.view(), failure, System.nanoTime() - this.calledAt),
						"wire log");
			}
		}

		private void dequeued() {
			if (this.scope == TaskObserver.Scope.NONE) {
				return;
			}
			long queuedNanos = System.nanoTime() - this.calledAt;
			Callbacks.run(() -> this.scope.dequeued(this.task.view(), queuedNanos), "observation");
		}

	}

}
