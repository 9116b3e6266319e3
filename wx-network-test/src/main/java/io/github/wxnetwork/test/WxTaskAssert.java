package io.github.wxnetwork.test;

import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.github.wxnetwork.WxNetworkException;
import io.github.wxnetwork.WxTask;

import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on how a {@link WxTask} ends. A wait never outlasts its timeout: a task still running then fails
 * the assertion with its id and state, and is left running.
 *
 * @param <R> the task's result type
 */
public final class WxTaskAssert<R> extends AbstractAssert<WxTaskAssert<R>, WxTask<R>> {

	/** How long {@link #failsWith(String)} waits: longer than any default task timeout would be a hang. */
	static final Duration DEFAULT_WAIT = Duration.ofSeconds(70);

	private static final Duration FOREVER = Duration.ofNanos(Long.MAX_VALUE);

	WxTaskAssert(WxTask<R> task) {
		super(task, WxTaskAssert.class);
	}

	/** Waits for the task to succeed and asserts on its result ({@code RequestSuccess}, ...). */
	public WxResultAssert<R> succeedsWithin(Duration timeout) {
		Outcome<R> outcome = awaitEnd(timeout);
		if (outcome.failure() != null) {
			throw failure("expected task %s to succeed, but it failed with %s", this.actual.id(),
					describe(outcome.failure()));
		}
		return new WxResultAssert<>(outcome.result());
	}

	/** Waits (at most 70 s) for the task to fail, and asserts its errMsg, e.g. {@code "request:fail timeout"}. */
	public WxFailureAssert failsWith(String errMsg) {
		return failsWithin(DEFAULT_WAIT).hasErrMsg(errMsg);
	}

	/** Waits for the task to fail and asserts on its {@link WxNetworkException}. */
	public WxFailureAssert failsWithin(Duration timeout) {
		Outcome<R> outcome = awaitEnd(timeout);
		if (outcome.failure() == null) {
			throw failure("expected task %s to fail, but it succeeded with %s", this.actual.id(), outcome.result());
		}
		if (!(outcome.failure() instanceof WxNetworkException failure)) {
			throw failure("expected task %s to fail with a WxNetworkException, but it failed with %s", this.actual.id(),
					outcome.failure());
		}
		return new WxFailureAssert(failure);
	}

	/** How the task ended; an assertion error when it did not end within the timeout. */
	private Outcome<R> awaitEnd(Duration timeout) {
		isNotNull();
		try {
			return new Outcome<>(this.actual.toCompletableFuture().get(nanos(timeout), TimeUnit.NANOSECONDS), null);
		}
		catch (ExecutionException ex) {
			return new Outcome<>(null, ex.getCause());
		}
		catch (TimeoutException ex) {
			throw notEnded(timeout);
		}
		catch (CancellationException ex) {
			throw failure("expected task %s to end, but its future was cancelled", this.actual.id());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw failure("interrupted while waiting for task %s", this.actual.id());
		}
	}

	/** A wait of years is a wait without end, not an overflow. */
	private static long nanos(Duration timeout) {
		return (timeout.compareTo(FOREVER) >= 0) ? Long.MAX_VALUE : Math.max(0, timeout.toNanos());
	}

	private AssertionError notEnded(Duration timeout) {
		// The state is read after the wait: a task ending at that instant shows its end state.
		return failure("expected task %s to end within %s, but it had not ended (state now %s)", this.actual.id(),
				timeout, this.actual.state());
	}

	/** A task's result, or what it failed with. */
	private record Outcome<R>(R result, Throwable failure) {
	}

	private static String describe(Throwable cause) {
		return (cause instanceof WxNetworkException failure)
				? "\"" + failure.errMsg() + "\" (errno " + failure.errno() + ")" : String.valueOf(cause);
	}

}
