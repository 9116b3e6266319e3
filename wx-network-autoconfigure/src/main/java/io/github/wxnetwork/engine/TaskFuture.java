package io.github.wxnetwork.engine;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The task's future: cancelling it aborts the task; dependent stages are plain futures. It also holds
 * the engine's work for the running task, done by whichever thread claims it first: a pool thread, or
 * the thread that waits for the result ({@code join()}, {@code get()}), which would otherwise sit idle
 * while a pool thread does the same work; that saves two thread hand-offs per blocking call.
 */
final class TaskFuture<R> extends CompletableFuture<R> {

	private final AbstractWxTask<?> task;

	private final AtomicReference<Runnable> pendingRun = new AtomicReference<>();

	/** Where the offered work goes when the waiting caller cannot run it; set before the work is offered. */
	private volatile Executor pool;

	TaskFuture(AbstractWxTask<?> task) {
		this.task = task;
	}

	/**
	 * Offers the engine's work for the running task to the first thread that claims it.
	 * @param pool runs the work for a waiting caller whose thread is interrupted
	 */
	void offer(Runnable run, Executor pool) {
		this.pool = pool;
		this.pendingRun.set(run);
	}

	/** Withdraws work nobody claimed (the engine could not start it). */
	void withdraw() {
		this.pendingRun.set(null);
	}

	/** Runs the offered work if nobody has claimed it yet. */
	void claimAndRun() {
		Runnable run = this.pendingRun.getAndSet(null);
		if (run != null) {
			run.run();
		}
	}

	/** A caller about to block does the task's pending work itself (never a timed wait: it could overrun). */
	@Override
	public R join() {
		claimForCaller();
		return super.join();
	}

	@Override
	public R get() throws InterruptedException, ExecutionException {
		claimForCaller();
		return super.get();
	}

	/**
	 * The waiting caller's claim: the work runs here, unless this thread is interrupted (okio would fail its
	 * I/O at once, and a virtual thread's interrupt closes the socket): then the pool runs it.
	 */
	private void claimForCaller() {
		Runnable run = this.pendingRun.getAndSet(null);
		if (run == null) {
			return;
		}
		if (Thread.currentThread().isInterrupted()) {
			try {
				this.pool.execute(run);
				return;
			}
			catch (RejectedExecutionException ex) {
				// Shut down: the caller runs it after all, and its I/O reports the interrupt.
			}
		}
		run.run();
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
