package io.github.wxnetwork;

/**
 * How a task fails: WeChat's {@code errMsg} ("request:fail timeout") and {@code errno}.
 */
public class WxNetworkException extends RuntimeException {

	private final String errMsg;

	private final int errno;

	public WxNetworkException(String errMsg, int errno) {
		this(errMsg, errno, null);
	}

	public WxNetworkException(String errMsg, int errno, Throwable cause) {
		super(errMsg + (errno != 0 ? " (errno " + errno + ")" : ""), cause);
		this.errMsg = errMsg;
		this.errno = errno;
	}

	/** {@code "<api>:fail <reason>"}, e.g. {@code "downloadFile:fail abort"}. */
	public String errMsg() {
		return this.errMsg;
	}

	/** WeChat's errno where one exists, else 0. */
	public int errno() {
		return this.errno;
	}

}
