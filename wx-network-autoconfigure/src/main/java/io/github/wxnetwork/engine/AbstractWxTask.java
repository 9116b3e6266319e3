package io.github.wxnetwork.engine;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import io.github.wxnetwork.HeadersReceived;
import io.github.wxnetwork.TaskKind;
import io.github.wxnetwork.TaskOptions;
import io.github.wxnetwork.TaskState;
import io.github.wxnetwork.WxErrno;
import io.github.wxnetwork.WxNetworkException;
import io.github.wxnetwork.WxTask;
import io.github.wxnetwork.resilience.Attempts;
import okhttp3.Call;

/**
 * The life of one task, whatever its kind: its state, its listeners, its callbacks and future, and how
 * an abort reaches the network.
 *
 * <p>Exactly one terminal transition wins (a compare-and-set on the state); the winner runs success
 * or fail, then complete, then completes the future. While a task runs, only the thread that executes
 * its call ends it: an abort records its reason and cancels the {@link Call}, and that thread fails the
 * task with the reason once it has cleaned up (so a download's partial file is gone before fail runs);
 * a timeout is OkHttp's call timeout, which fails the call the same way. A task that is not on the
 * network (queued, or invalid) is ended on the callback executor.
 *
 * <p>Only the engine drives a task (its mutators are package-private). Observers, the limiter, the
 * registry and the endpoint get its {@link #view()}, a separate read-only object that cannot be cast back
 * to the task, as OkHttp hands out {@code Call} and keeps {@code RealCall} to itself.
 *
 * @param <R> the success result
 */
abstract class AbstractWxTask<R> implements WxTask<R> {

	private static final String ID_PREFIX = Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 16);

	private static final AtomicLong ids = new AtomicLong();

	private final long sequence;

	private final AtomicReference<TaskState> state = new AtomicReference<>(TaskState.QUEUED);

	private final Listeners<HeadersReceived> headersReceived;

	private final TaskFuture<R> future = new TaskFuture<>(this);

	private final TaskOptions<R> options;

	private final Executor callbackExecutor;

	private final Cancellation cancellation = new Cancellation();

	private final ProfileRecorder profile = new ProfileRecorder(System.currentTimeMillis());

	private volatile TaskLifecycle lifecycle = TaskLifecycle.NONE;

	private volatile Attempts attempts = Attempts.SINGLE;

	private final LiveTaskView view;

	AbstractWxTask(TaskKind kind, String method, TaskOptions<R> options, Executor callbackExecutor) {
		this.sequence = ids.incrementAndGet();
		String id = ID_PREFIX + "-" + Long.toHexString(this.sequence);
		this.view = new LiveTaskView(id, kind, method, options.url(), this.state, this.profile);
		this.options = options;
		this.callbackExecutor = callbackExecutor;
		this.headersReceived = new Listeners<>(options.headersReceivedListeners());
	}

	@Override
	public String id() {
		return this.view.id();
	}

	/** The order in which tasks were created in this JVM (the registry lists tasks in it). */
	long sequence() {
		return this.sequence;
	}

	@Override
	public TaskState state() {
		return this.state.get();
	}

	TaskKind kind() {
		return this.view.kind();
	}

	void statusCode(int statusCode) {
		this.view.statusCode(statusCode);
	}

	/** Written by one owner per kind: the response body's reader, or an upload's request body. */
	void transferred(long done, long expected) {
		this.view.transferred(done, expected);
	}

	/** Filled by OkHttp's events (the request carries it as a tag); read by the round trips. */
	ProfileRecorder profile() {
		return this.profile;
	}

	TaskOptions<R> options() {
		return this.options;
	}

	@Override
	public void abort() {
		if (this.state.get().isTerminal()) {
			return;
		}
		WxNetworkException reason = Failures.abort(kind());
		if (!failQueued(reason)) {
			this.cancellation.request(reason);
		}
	}

	@Override
	public WxTask<R> onHeadersReceived(Consumer<HeadersReceived> listener) {
		this.headersReceived.add(listener);
		return this;
	}

	@Override
	public WxTask<R> offHeadersReceived(Consumer<HeadersReceived> listener) {
		this.headersReceived.remove(listener);
		return this;
	}

	@Override
	public WxTask<R> offHeadersReceived() {
		this.headersReceived.clear();
		return this;
	}

	void fireHeadersReceived(HeadersReceived event) {
		this.headersReceived.fire(event);
	}

	@Override
	public CompletableFuture<R> toCompletableFuture() {
		return this.future;
	}

	@Override
	public R join() {
		try {
			return this.future.join();
		}
		catch (CompletionException ex) {
			if (ex.getCause() instanceof WxNetworkException failure) {
				throw failure;
			}
			throw ex;
		}
		catch (CancellationException ex) {
			throw Failures.abort(kind());
		}
	}

	// --- driven by the engine and the limiter ---

	/** Who is told when the task ends, before its callbacks: the registry, the limiter, the observation. */
	void lifecycle(TaskLifecycle lifecycle) {
		this.lifecycle = lifecycle;
	}

	/** QUEUED to RUNNING; false when the task was aborted meanwhile (it then must not start). */
	boolean markRunning() {
		if (!this.state.compareAndSet(TaskState.QUEUED, TaskState.RUNNING)) {
			return false;
		}
		this.profile.queueEnd = System.currentTimeMillis();
		return true;
	}

	/** The task's future, which also holds the engine's pending work for a running task. */
	TaskFuture<R> future() {
		return this.future;
	}

	/** Publishes the running call so an abort can cancel it. */
	void attach(Call call) {
		this.cancellation.attach(call);
	}

	/** Publishes a wait between attempts so an abort can end it at once. */
	void attachWait(Runnable wake) {
		this.cancellation.attachWait(wake);
	}

	/** The task's attempts (set when it starts running); round trips put their {@code exception} in results. */
	Attempts attempts() {
		return this.attempts;
	}

	void attempts(Attempts attempts) {
		this.attempts = attempts;
	}

	/** Whether an abort asked the task to stop. */
	boolean cancelRequested() {
		return this.cancellation.pending() != null;
	}

	/**
	 * Claims the outcome for the result about to be made visible (a download's file moved into place):
	 * from here on abort is ignored, so a task never reports abort over a file it wrote.
	 * @return false when an abort came first (the caller must then not publish anything)
	 */
	boolean commit() {
		return this.cancellation.commit();
	}

	/** Ends a running task with its result, unless an abort came first: then that wins. */
	void succeed(R result) {
		WxNetworkException reason = this.cancellation.pending();
		settle((reason != null) ? null : result, reason);
	}

	/**
	 * Ends a running task with a failure; a pending abort takes precedence over its symptom. Either carries
	 * the attempts that were retried before it.
	 */
	void fail(WxNetworkException failure) {
		WxNetworkException reason = this.cancellation.pending();
		settle(null, this.attempts.withException((reason != null) ? reason : failure));
	}

	/** The one read-only view of this task (always the same object: limiters may key on it). */
	LiveTaskView view() {
		return this.view;
	}

	/**
	 * Ends the task with {@code failure} only while it is QUEUED (an abort, a limiter's rejection), off the
	 * caller's thread; a started or ended task is left alone.
	 * @return whether the task was queued and is now ended
	 */
	boolean failQueued(WxNetworkException failure) {
		if (this.state.compareAndSet(TaskState.QUEUED, terminalState(failure))) {
			deliverLater(null, failure, false);
			return true;
		}
		return false;
	}

	/** Fails a task that never reached the network (bad options, shut down), off the caller's thread. */
	void failLater(WxNetworkException failure) {
		TaskState previous = this.state.get();
		if (!previous.isTerminal() && this.state.compareAndSet(previous, terminalState(failure))) {
			deliverLater(null, failure, previous == TaskState.RUNNING);
		}
	}

	private void settle(R result, WxNetworkException failure) {
		TaskState terminal = (failure != null) ? terminalState(failure) : TaskState.SUCCEEDED;
		TaskState previous;
		do {
			previous = this.state.get();
			if (previous.isTerminal()) {
				return;
			}
		}
		while (!this.state.compareAndSet(previous, terminal));
		deliver(result, failure, previous == TaskState.RUNNING);
	}

	private TaskState terminalState(WxNetworkException failure) {
		return (failure.errno() == WxErrno.ABORT) ? TaskState.ABORTED : TaskState.FAILED;
	}

	private void deliverLater(R result, WxNetworkException failure, boolean wasRunning) {
		Delivery.later(this.callbackExecutor, () -> deliver(result, failure, wasRunning), id());
	}

	private void deliver(R result, WxNetworkException failure, boolean wasRunning) {
		this.cancellation.detach();
		this.lifecycle.ended(wasRunning, failure);
		Delivery.now(this.options, this.future, result, failure);
	}

	@Override
	public String toString() {
		return this.view.toString();
	}

}
