package io.github.wxnetwork.support;

import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.github.wxnetwork.WxNetworkException;
import io.github.wxnetwork.WxTask;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bounded waits on a task's outcome, for the behaviour test suites: a hang fails the test (with a
 * {@link TimeoutException}) instead of the build. Nothing here sleeps.
 */
public final class TaskAwait {

	private TaskAwait() {
	}

	/** Waits at most {@code seconds} for the task's result; its failure is thrown as the cause. */
	public static <R> R await(WxTask<R> task, long seconds) throws Exception {
		return task.toCompletableFuture().get(seconds, TimeUnit.SECONDS);
	}

	/**
	 * Waits at most {@code seconds} for the task to fail and returns why; fails the test if it succeeded,
	 * was cancelled or hung.
	 */
	public static WxNetworkException awaitFailure(WxTask<?> task, long seconds)
			throws InterruptedException, TimeoutException {
		try {
			Object result = task.toCompletableFuture().get(seconds, TimeUnit.SECONDS);
			throw new AssertionError("expected the task to fail, it succeeded with " + result);
		}
		catch (ExecutionException ex) {
			assertThat(ex.getCause()).isInstanceOf(WxNetworkException.class);
			return (WxNetworkException) ex.getCause();
		}
		catch (CancellationException ex) {
			throw new AssertionError("the future was cancelled instead of failing with WxNetworkException", ex);
		}
	}

}
