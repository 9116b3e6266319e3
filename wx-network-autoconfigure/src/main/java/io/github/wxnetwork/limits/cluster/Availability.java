package io.github.wxnetwork.limits.cluster;

import java.time.Instant;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Whether Redis answers, as the limiter last found: an outage starts with the first failure noticed and ends
 * only with a check sent after that, so a late answer from before cannot end it and a late failure from before
 * cannot start another.
 */
final class Availability {

	/** Null while Redis answers. */
	private volatile Unavailable current;

	/** When the current outage was noticed ({@link System#nanoTime()}), set before {@link #current}. */
	private volatile long noticedAt;

	Unavailable current() {
		return this.current;
	}

	/** @return the outage this failure starts, or null when one was noticed already */
	synchronized Unavailable failed(Throwable error) {
		if (this.current != null) {
			return null;
		}
		this.noticedAt = System.nanoTime();
		this.current = new Unavailable(reason(error), Instant.now());
		return this.current;
	}

	/**
	 * A check succeeded.
	 * @param sentAt when it was sent ({@link System#nanoTime()})
	 * @return whether this ended an outage
	 */
	synchronized boolean answered(long sentAt) {
		if (this.current == null || sentAt - this.noticedAt <= 0) {
			return false;
		}
		this.current = null;
		return true;
	}

	private static String reason(Throwable error) {
		if (error == null) {
			return "no permit id";
		}
		Throwable cause = error;
		while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
			cause = cause.getCause();
		}
		return cause.toString();
	}

}
