package io.github.wxnetwork.engine;

import java.util.concurrent.atomic.AtomicReference;

import io.github.wxnetwork.WxErrno;
import io.github.wxnetwork.WxNetworkException;
import okhttp3.Call;

/**
 * How an abort reaches a running task's network call: the first reason wins and cancels the call (at
 * once, or as soon as the call is attached); the thread executing the call sees the cancel and ends the
 * task with that reason. Between a retried task's attempts there is no call but a wait, which the abort
 * cuts short: the next attempt then starts at once and ends with the reason. Once the task has committed
 * to its result, no abort can win any more.
 *
 * <p>It is the reason's {@link AtomicReference} itself (one object less per task, and a queued task's
 * size is what 10,000 of them cost).
 */
@SuppressWarnings("serial")
final class Cancellation extends AtomicReference<WxNetworkException> {

	/** Marks the reason once the task has committed to its result. */
	private static final WxNetworkException COMMITTED = new WxNetworkException("committed", WxErrno.NONE);

	/** The running {@link Call}, or the wake-up of a wait between attempts, or null. */
	private volatile Object target;

	/** Asks the task to stop; the first reason wins. */
	void request(WxNetworkException reason) {
		if (compareAndSet(null, reason)) {
			stop(this.target);
		}
	}

	/** Publishes the call so a cancel can reach it, and cancels it at once if the cancel came first. */
	void attach(Call call) {
		attachTarget(call);
	}

	/** Publishes a wait's wake-up (run at most once by its owner), run at once if the cancel came first. */
	void attachWait(Runnable wake) {
		attachTarget(wake);
	}

	private void attachTarget(Object target) {
		this.target = target;
		if (pending() != null) {
			stop(target);
		}
	}

	private static void stop(Object target) {
		if (target instanceof Call call) {
			call.cancel();
		}
		else if (target instanceof Runnable wake) {
			wake.run();
		}
	}

	/** Forgets the call once the task has ended (the call must not be kept alive by the task). */
	void detach() {
		this.target = null;
	}

	/** The reason that asked the task to stop, or null (also once the task has committed). */
	WxNetworkException pending() {
		WxNetworkException current = get();
		return (current != COMMITTED) ? current : null;
	}

	/**
	 * Claims the outcome for the result about to be made visible (a download's file moved into place).
	 * @return false when a cancel came first (the caller must then not publish anything)
	 */
	boolean commit() {
		return compareAndSet(null, COMMITTED) || get() == COMMITTED;
	}

}
