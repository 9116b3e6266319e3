package io.github.wxnetwork;

/**
 * WeChat's {@code errno} values that wx-network reports ({@link WxNetworkException#errno()}), named after
 * the reason WeChat gives in {@code errMsg}. A failure WeChat has no errno for (a bad option, a missing
 * upload file) reports {@link #NONE}.
 */
public final class WxErrno {

	/** No WeChat errno exists for this failure. */
	public static final int NONE = 0;

	/** {@code timeout}: the task's timeout passed. */
	public static final int TIMEOUT = 5;

	/** A connection or protocol error; errMsg carries the cause's message. */
	public static final int NETWORK_ERROR = 600001;

	/** {@code url not in domain list}: the host (or a redirect's host) is not allowed. */
	public static final int URL_NOT_IN_DOMAIN_LIST = 600002;

	/** {@code abort}: the task was aborted. */
	public static final int ABORT = 600003;

	/** {@code invalid header <name>}. */
	public static final int INVALID_HEADER = 600005;

	/** {@code exceed max task count}: the task waited past {@code wx.network.max-queue-wait}. */
	public static final int EXCEED_MAX_TASK_COUNT = 600007;

	/** {@code invalid url "<url>"}. */
	public static final int INVALID_URL = 600009;

	/** {@code exceed max file size}: a download received more than its cap. */
	public static final int EXCEED_MAX_FILE_SIZE = 603301;

	/** {@code permission denied}: a file path outside the allowed roots. */
	public static final int PERMISSION_DENIED = 603303;

	private WxErrno() {
	}

}
