package io.github.wxnetwork;

import java.util.List;

/**
 * WeChat's {@code res.exception}: what went wrong on the way to a task's outcome, when it was retried.
 *
 * @param retryCount attempts after the first (0 when the first attempt gave the outcome)
 * @param reasons each failed attempt's errMsg and errno, oldest first
 */
public record ExceptionInfo(int retryCount, List<Reason> reasons) {

	/** A task that was not retried. */
	public static final ExceptionInfo NONE = new ExceptionInfo(0, List.of());

	public ExceptionInfo {
		reasons = List.copyOf(reasons);
	}

	/**
	 * One failed attempt.
	 *
	 * @param errMsg as a failure's: {@code "request:fail connection reset"}, or
	 * {@code "request:fail http status 503"} for a status that was retried
	 * @param errno WeChat's errno, else 0
	 */
	public record Reason(String errMsg, int errno) {
	}

}
