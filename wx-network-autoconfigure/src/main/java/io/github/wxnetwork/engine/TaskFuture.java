package io.github.wxnetwork.engine;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
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

	TaskFuture(AbstractWxTask<?> task) {
		this.task = task;
	}

	/** Offers the engine's work for the running task to the first thread that claims it. */
	void offer(Runnable run) {
		this.pendingRun.set(run);
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
		claimAndRun();
		return super.join();
	}

	@Override
	public R get() throws InterruptedException, ExecutionException {
		claimAndRun();
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
