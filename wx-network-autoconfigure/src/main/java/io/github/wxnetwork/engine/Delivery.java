package io.github.wxnetwork.engine;

import java.util.concurrent.Executor;
import java.util.function.Consumer;

import io.github.wxnetwork.TaskOptions;
import io.github.wxnetwork.WxNetworkException;
import io.github.wxnetwork.engine.Listeners.Callbacks;

/**
 * How a task's end reaches its caller, in WeChat's order: success or fail, then complete, then the
 * future. Callbacks that throw are logged and harm nothing. Static: a task carries no extra object for it.
 */
final class Delivery {

	private Delivery() {
	}

	/** Runs the callbacks and completes the future, on this thread. */
	static <R> void now(TaskOptions<R> options, TaskFuture<R> future, R result, WxNetworkException failure) {
		if (failure == null) {
			Consumer<? super R> success = options.success();
			if (success != null) {
				Callbacks.run(() -> success.accept(result), "success callback");
			}
		}
		else {
			Consumer<? super WxNetworkException> fail = options.fail();
			if (fail != null) {
				Callbacks.run(() -> fail.accept(failure), "fail callback");
			}
		}
		Runnable complete = options.complete();
		if (complete != null) {
			Callbacks.run(complete, "complete callback");
		}
		if (failure == null) {
			future.settle(result);
		}
		else {
			future.settleExceptionally(failure);
		}
	}

	/** Runs a task's end on {@code executor}, never on the caller's thread. */
	static void later(Executor executor, Runnable end, String taskId) {
		try {
			executor.execute(end);
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
