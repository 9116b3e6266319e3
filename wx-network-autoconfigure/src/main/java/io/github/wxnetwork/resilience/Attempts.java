package io.github.wxnetwork.resilience;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.retry.Retry;
import io.github.wxnetwork.ExceptionInfo;
import io.github.wxnetwork.TaskKind;
import io.github.wxnetwork.WxErrno;
import io.github.wxnetwork.WxNetworkException;

/**
 * One task's attempts under its {@link ResiliencePolicy}: the circuit breaker's permission before each, its
 * outcome after, and Resilience4j's verdict on whether (and after how long) a failed one is tried again.
 * The engine decides what may be retried at all (a connection error, a status, before its headers reached
 * anyone); this class counts, waits and remembers. Used by one thread at a time (attempts never overlap).
 */
public final class Attempts {

	/** A task with neither retry nor breaker: every call is a no-op. */
	public static final Attempts SINGLE = new Attempts(null, null, null, null);

	private final TaskKind kind;

	private final Retry.AsyncContext<Object> retry;

	private final CircuitBreaker breaker;

	private final ResiliencePolicy policy;

	private List<ExceptionInfo.Reason> reasons;

	/** Whether Resilience4j has been told the task's outcome (a give-up counts as one). */
	private boolean settled;

	private boolean permitted;

	private long attemptStart;

	Attempts(TaskKind kind, Retry.AsyncContext<Object> retry, CircuitBreaker breaker, ResiliencePolicy policy) {
		this.kind = kind;
		this.retry = retry;
		this.breaker = breaker;
		this.policy = policy;
	}

	/**
	 * Before an attempt touches the network.
	 * @return null to go on, or the failure that ends the task ({@code circuit breaker open})
	 */
	public WxNetworkException begin() {
		if (this.breaker == null) {
			return null;
		}
		if (!this.breaker.tryAcquirePermission()) {
			return new WxNetworkException(this.kind.api() + ":fail circuit breaker open", WxErrno.NONE);
		}
		this.permitted = true;
		this.attemptStart = this.breaker.getCurrentTimestamp();
		return null;
	}

	/** The attempt ended with a response of this status: a 5xx counts as the upstream's failure. */
	public void responded(int status) {
		if (takePermit()) {
			if (status >= 500) {
				this.breaker.onError(elapsed(), this.breaker.getTimestampUnit(), statusFailure(status));
			}
			else {
				this.breaker.onSuccess(elapsed(), this.breaker.getTimestampUnit());
			}
		}
	}

	/**
	 * The attempt failed: errors on the wire and timeouts count against the upstream, an abort not at all,
	 * anything else (a refused address, the size cap, a local file's error) as a call that went well enough.
	 * @param wireFault a connection error or a cut body
	 */
	public void failed(WxNetworkException failure, boolean aborted, boolean wireFault) {
		if (!takePermit()) {
			return;
		}
		if (aborted) {
			this.breaker.releasePermission();
		}
		else if (wireFault || failure.errno() == WxErrno.TIMEOUT) {
			// The I/O error itself, so record-exceptions such as java.io.IOException match it.
			Throwable cause = (failure.getCause() != null) ? failure.getCause() : failure;
			this.breaker.onError(elapsed(), this.breaker.getTimestampUnit(), cause);
		}
		else {
			this.breaker.onSuccess(elapsed(), this.breaker.getTimestampUnit());
		}
	}

	/**
	 * Whether a response is tried again instead of being the result, asked before its headers reach anyone.
	 * @param retryAfter the response's Retry-After header, or null
	 * @return the wait in milliseconds, or -1 to keep this response
	 */
	public long retryDelay(int status, String retryAfter, long remainingMillis) {
		if (this.retry == null || !this.policy.retriesStatus(status)) {
			return -1;
		}
		long asked = retryAfterMillis(retryAfter);
		// A server that wants more rest than we may wait gets none: its answer is the result, not retried.
		return retryDelay(statusFailure(status), asked <= this.policy.maxWaitMillis(), asked, remainingMillis);
	}

	/**
	 * Whether a failed attempt is tried again.
	 * @param retryable the engine's verdict: a connection error, before anything reached the listeners
	 * @return the wait in milliseconds, or -1 when the failure ends the task
	 */
	public long retryDelay(WxNetworkException failure, boolean retryable, long remainingMillis) {
		return (this.retry != null) ? retryDelay(failure, retryable, 0, remainingMillis) : -1;
	}

	/**
	 * Decides first, then tells Resilience4j what was decided, so its counts and events are what happened:
	 * a retry (its wait fitting in the task's time), a give-up after retries, or a failure not retried.
	 */
	private long retryDelay(WxNetworkException failure, boolean retryable, long atLeast, long remainingMillis) {
		if (this.settled) {
			return -1;
		}
		int failedAttempts = retried() + 1;
		boolean attemptsLeft = failedAttempts < this.policy.maxAttempts();
		if (retryable && attemptsLeft) {
			long delay = Math.max(atLeast, this.policy.backOff(failedAttempts, failure));
			if (delay < remainingMillis) {
				this.retry.onError(new RetryableFailure(failure));
				if (this.reasons == null) {
					this.reasons = new ArrayList<>(2);
				}
				this.reasons.add(new ExceptionInfo.Reason(failure.errMsg(), failure.errno()));
				return delay;
			}
		}
		// The end: "failed after retries" when they ran out, else "failed without retry" (not retryable, or
		// the task's timeout would pass during the wait, which makes this attempt's outcome the task's).
		this.settled = true;
		this.retry.onError((retryable && !attemptsLeft) ? new RetryableFailure(failure) : failure);
		return -1;
	}

	private int retried() {
		return (this.reasons != null) ? this.reasons.size() : 0;
	}

	/** The task ended with a result. */
	public void succeeded() {
		if (this.retry != null && !this.settled) {
			this.settled = true;
			this.retry.onComplete();
		}
	}

	/** WeChat's {@code exception}: the attempts that were retried. */
	public ExceptionInfo exception() {
		return (this.reasons != null) ? new ExceptionInfo(this.reasons.size(), this.reasons) : ExceptionInfo.NONE;
	}

	/** {@code failure} with the retried attempts attached, for the task's fail callback. */
	public WxNetworkException withException(WxNetworkException failure) {
		if (this.reasons == null || failure.exception() != ExceptionInfo.NONE) {
			return failure;
		}
		return new WxNetworkException(failure.errMsg(), failure.errno(), failure.getCause(), exception());
	}

	private boolean takePermit() {
		boolean had = this.permitted;
		this.permitted = false;
		return had;
	}

	private long elapsed() {
		return this.breaker.getCurrentTimestamp() - this.attemptStart;
	}

	private WxNetworkException statusFailure(int status) {
		return new WxNetworkException(this.kind.api() + ":fail http status " + status, WxErrno.NONE);
	}

	/**
	 * Seconds or an HTTP date (RFC 9110, section 10.2.3); 0 when absent or unreadable, and more than any
	 * wait for a number too large to hold.
	 */
	static long retryAfterMillis(String value) {
		if (value == null || value.isBlank()) {
			return 0;
		}
		String text = value.trim();
		if (text.chars().allMatch(Character::isDigit)) {
			try {
				return TimeUnit.SECONDS.toMillis(Long.parseLong(text));
			}
			catch (NumberFormatException tooLarge) {
				return Long.MAX_VALUE;
			}
		}
		try {
			Instant when = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
			return Math.max(0, when.toEpochMilli() - System.currentTimeMillis());
		}
		catch (DateTimeParseException notADate) {
			return 0;
		}
	}

	/** What Resilience4j is shown for a failure wx-network retries; its own predicate retries only these. */
	static final class RetryableFailure extends RuntimeException {

		private static final long serialVersionUID = 1L;

		RetryableFailure(WxNetworkException failure) {
			super(failure.errMsg(), failure, false, false);
		}

	}

}
