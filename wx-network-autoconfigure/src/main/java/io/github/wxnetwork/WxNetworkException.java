package io.github.wxnetwork;

/**
 * How a task fails: WeChat's {@code errMsg} ("request:fail timeout") and {@code errno}.
 */
public class WxNetworkException extends RuntimeException {

	private final String errMsg;

	private final int errno;

	private final ExceptionInfo exception;

	public WxNetworkException(String errMsg, int errno) {
		this(errMsg, errno, null);
	}

	public WxNetworkException(String errMsg, int errno, Throwable cause) {
		this(errMsg, errno, cause, ExceptionInfo.NONE);
	}

	/**
	 * @param exception the earlier attempts of a retried task
	 */
	public WxNetworkException(String errMsg, int errno, Throwable cause, ExceptionInfo exception) {
		super(errMsg + (errno != 0 ? " (errno " + errno + ")" : ""), cause);
		this.errMsg = errMsg;
		this.errno = errno;
		this.exception = (exception != null) ? exception : ExceptionInfo.NONE;
	}

	/** {@code "<api>:fail <reason>"}, e.g. {@code "downloadFile:fail abort"}. */
	public String errMsg() {
		return this.errMsg;
	}

	/** WeChat's errno where one exists, else 0. */
	public int errno() {
		return this.errno;
	}

	/** WeChat's {@code exception}: the retries before this failure ({@link ExceptionInfo#NONE} without any). */
	public ExceptionInfo exception() {
		return this.exception;
	}

}
