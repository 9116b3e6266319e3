package io.github.wxnetwork.engine;

import io.github.wxnetwork.WxErrno;
import io.github.wxnetwork.TaskKind;
import java.time.Instant;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import io.github.wxnetwork.HeadersReceived;
import io.github.wxnetwork.TaskOptions;
import io.github.wxnetwork.TaskState;
import io.github.wxnetwork.WxNetworkException;
import io.github.wxnetwork.WxTask;
import io.github.wxnetwork.engine.Listeners.Callbacks;
import okhttp3.Call;
import okhttp3.Request;

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
 * @param <R> the success result
 */
public abstract class AbstractWxTask<R> implements WxTask<R> {

	private static final String ID_PREFIX = Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 16);

	private static final AtomicLong ids = new AtomicLong();

	/** Marks the cancel reason once the task has committed to its result: no abort can win then. */
	private static final WxNetworkException COMMITTED = new WxNetworkException("committed", 0);

	private final long sequence;

	private final String id;

	private final TaskKind kind;

	private final String method;

	private final String url;

	private final TaskOptions<R> options;

	private final Executor callbackExecutor;

	private final AtomicReference<TaskState> state = new AtomicReference<>(TaskState.QUEUED);

	private final Listeners<HeadersReceived> headersReceived;

	private final TaskFuture<R> future = new TaskFuture<>(this);

	private final AtomicReference<WxNetworkException> cancelReason = new AtomicReference<>();

	private final AtomicReference<Runnable> pendingRun = new AtomicReference<>();

	private final ProfileRecorder profile = new ProfileRecorder(System.currentTimeMillis());

	private volatile Call call;

	private volatile TaskLifecycle lifecycle = TaskLifecycle.NONE;

	private volatile long bytesTransferred;

	private volatile long bytesExpected = -1;

	private volatile int statusCode;

	private volatile TaskObserver.Scope observation = TaskObserver.Scope.NONE;

	protected AbstractWxTask(TaskKind kind, String method, TaskOptions<R> options, Executor callbackExecutor) {
		this.sequence = ids.incrementAndGet();
		this.id = ID_PREFIX + "-" + Long.toHexString(this.sequence);
		this.kind = kind;
		this.method = method;
		this.url = options.url();
		this.options = options;
		this.callbackExecutor = callbackExecutor;
		this.headersReceived = new Listeners<>(options.headersReceivedListeners());
	}

	@Override
	public String id() {
		return this.id;
	}

	/** The order in which tasks were created in this JVM (the endpoint lists tasks in it). */
	public long sequence() {
		return this.sequence;
	}

	@Override
	public TaskState state() {
		return this.state.get();
	}

	public TaskKind kind() {
		return this.kind;
	}

	public String method() {
		return this.method;
	}

	/** The url as given by the caller (mask it before showing it). */
	public String url() {
		return this.url;
	}

	public Instant invokedAt() {
		return Instant.ofEpochMilli(this.profile.invokeStart());
	}

	/** When the task took its slot, or null while queued. */
	public Instant startedAt() {
		long start = this.profile.queueEnd;
		return (start != 0) ? Instant.ofEpochMilli(start) : null;
	}

	/** Body bytes received (request, download) or sent (upload) so far. */
	public long bytesTransferred() {
		return this.bytesTransferred;
	}

	/** Body bytes expected, or -1 when unknown. */
	public long bytesExpected() {
		return this.bytesExpected;
	}

	/** The response's status code, or 0 before (or without) a response. */
	public int statusCode() {
		return this.statusCode;
	}

	void statusCode(int statusCode) {
		this.statusCode = statusCode;
	}

	void observation(TaskObserver.Scope observation) {
		this.observation = observation;
	}

	void transferred(long done, long expected) {
		this.bytesTransferred = done;
		this.bytesExpected = expected;
	}

	ProfileRecorder profile() {
		return this.profile;
	}

	/**
	 * Builds the task's request once: its profile recorder as the tag OkHttp's event listener finds, and
	 * the observation's headers (trace propagation) over the caller's.
	 */
	Request request(Request.Builder request) {
		request.tag(ProfileRecorder.class, this.profile);
		this.observation.headers().forEach(request::header);
		return request.build();
	}

	@Override
	public void abort() {
		if (this.state.get().isTerminal()) {
			return;
		}
		WxNetworkException reason = Failures.abort(this.kind);
		if (this.state.compareAndSet(TaskState.QUEUED, TaskState.ABORTED)) {
			deliverLater(null, reason, false);
		}
		else {
			cancel(reason);
		}
	}

	/** The first reason wins; the thread executing the call sees the cancel and ends the task with it. */
	private void cancel(WxNetworkException reason) {
		if (this.cancelReason.compareAndSet(null, reason)) {
			Call current = this.call;
			if (current != null) {
				current.cancel();
			}
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
			throw Failures.abort(this.kind);
		}
	}

	// --- driven by the engine and the limiter ---

	/** Who is told when the task leaves QUEUED or ends: the limiter (slots) and the task registry. */
	public void lifecycle(TaskLifecycle lifecycle) {
		this.lifecycle = lifecycle;
	}

	/** QUEUED to RUNNING; false when the task was aborted meanwhile (it then must not start). */
	public boolean markRunning() {
		if (!this.state.compareAndSet(TaskState.QUEUED, TaskState.RUNNING)) {
			return false;
		}
		this.profile.queueEnd = System.currentTimeMillis();
		return true;
	}

	/**
	 * The engine's work for this running task, done by whichever thread claims it first: a pool thread,
	 * or the thread that waits for the result ({@code join()}, {@code get()}), which would otherwise sit
	 * idle while a pool thread does the same work; that saves two thread hand-offs per blocking call.
	 */
	void offerRun(Runnable run) {
		this.pendingRun.set(run);
	}

	/** Runs the offered work if nobody has claimed it yet. */
	void claimAndRun() {
		Runnable run = this.pendingRun.getAndSet(null);
		if (run != null) {
			run.run();
		}
	}

	/** Publishes the call so an abort can cancel it, and cancels it at once if the abort came first. */
	void attach(Call call) {
		this.call = call;
		if (cancelRequested()) {
			call.cancel();
		}
	}

	/** Whether an abort asked the task to stop. */
	boolean cancelRequested() {
		return pendingCancel() != null;
	}

	/** Ends a running task with its result, unless an abort came first: then that wins. */
	void succeed(R result) {
		WxNetworkException reason = pendingCancel();
		settle((reason != null) ? null : result, reason);
	}

	/**
	 * Claims the outcome for the result about to be made visible (a download's file moved into place):
	 * from here on abort is ignored, so a task never reports abort over a file it wrote.
	 * @return false when an abort came first (the caller must then not publish anything)
	 */
	boolean commit() {
		return this.cancelReason.compareAndSet(null, COMMITTED) || this.cancelReason.get() == COMMITTED;
	}

	/** Ends a running task with a failure; a pending abort takes precedence over its symptom. */
	void fail(WxNetworkException failure) {
		WxNetworkException reason = pendingCancel();
		settle(null, (reason != null) ? reason : failure);
	}

	/** The abort that asked the task to stop, or null (also once the task has committed). */
	private WxNetworkException pendingCancel() {
		WxNetworkException reason = this.cancelReason.get();
		return (reason != COMMITTED) ? reason : null;
	}

	/** Fails a task that never reached the network (bad options, refused by the limiter), off the caller's thread. */
	public void failLater(WxNetworkException failure) {
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
		try {
			this.callbackExecutor.execute(() -> deliver(result, failure, wasRunning));
		}
		catch (RuntimeException ex) {
			// The executor is shut down: the callbacks are still owed exactly once, and still not on the
			// caller's thread.
			Thread late = new Thread(() -> deliver(result, failure, wasRunning), "wx-network-late-" + this.id);
			late.setDaemon(true);
			late.start();
		}
	}

	private void deliver(R result, WxNetworkException failure, boolean wasRunning) {
		this.call = null;
		this.lifecycle.ended(this, wasRunning);
		Callbacks.run(() -> this.observation.stop(this, failure), "observation");
		if (failure == null) {
			Consumer<? super R> success = this.options.success();
			if (success != null) {
				Callbacks.run(() -> success.accept(result), "success callback");
			}
		}
		else {
			Consumer<? super WxNetworkException> fail = this.options.fail();
			if (fail != null) {
				Callbacks.run(() -> fail.accept(failure), "fail callback");
			}
		}
		Runnable complete = this.options.complete();
		if (complete != null) {
			Callbacks.run(complete, "complete callback");
		}
		if (failure == null) {
			this.future.settle(result);
		}
		else {
			this.future.settleExceptionally(failure);
		}
	}

	@Override
	public String toString() {
		return this.kind.type() + " task " + this.id + " [" + this.state.get() + "]";
	}

	/** The task's future: cancelling it aborts the task. Dependent stages are plain futures. */
	static final class TaskFuture<R> extends CompletableFuture<R> {

		private final AbstractWxTask<?> task;

		TaskFuture(AbstractWxTask<?> task) {
			this.task = task;
		}

		/** A caller about to block does the task's pending work itself (never a timed wait: it could overrun). */
		@Override
		public R join() {
			this.task.claimAndRun();
			return super.join();
		}

		@Override
		public R get() throws InterruptedException, ExecutionException {
			this.task.claimAndRun();
			return super.get();
		}

		@Override
		public boolean cancel(boolean mayInterruptIfRunning) {
			// Cancelled first, so the abort's own failure cannot complete the future in between.
			boolean cancelled = super.cancel(mayInterruptIfRunning);
			this.task.abort();
			return cancelled;
		}

		@Override
		public <U> CompletableFuture<U> newIncompleteFuture() {
			return new CompletableFuture<>();
		}

		void settle(R result) {
			super.complete(result);
		}

		void settleExceptionally(Throwable failure) {
			super.completeExceptionally(failure);
		}

	}

}
