package io.github.wxnetwork.engine;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/** The task's future: cancelling it aborts the task. Dependent stages are plain futures. */
final class TaskFuture<R> extends CompletableFuture<R> {

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
