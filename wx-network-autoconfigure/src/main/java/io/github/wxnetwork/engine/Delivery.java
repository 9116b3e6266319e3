package io.github.wxnetwork.engine;

import java.util.concurrent.Executor;
import java.util.function.Consumer;

import io.github.wxnetwork.TaskOptions;
import io.github.wxnetwork.WxNetworkException;
import io.github.wxnetwork.engine.Listeners.Callbacks;

/**
 * How a task's end reaches its caller, in WeChat's order: success or fail, then complete, then the
 * future. Callbacks that throw are logged and harm nothing.
 *
 * @param <R> the success result
 */
final class Delivery<R> {

	private final TaskOptions<R> options;

	private final TaskFuture<R> future;

	private final Executor executor;

	/**
	 * @param executor where the end of a task that is not on the network runs (never the caller's thread)
	 */
	Delivery(TaskOptions<R> options, TaskFuture<R> future, Executor executor) {
		this.options = options;
		this.future = future;
		this.executor = executor;
	}

	/** Runs the callbacks and completes the future, on this thread. */
	void now(R result, WxNetworkException failure) {
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

	/** Runs a task's end on the callback executor, never on the caller's thread. */
	void later(Runnable end, String taskId) {
		try {
			this.executor.execute(end);
		}
		catch (RuntimeException ex) {
			// The executor is shut down: the callbacks are still owed exactly once, and still not on the
			// caller's thread.
			Thread late = new Thread(end, "wx-network-late-" + taskId);
			late.setDaemon(true);
			late.start();
		}
	}

}
