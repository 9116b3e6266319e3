package io.github.wxnetwork.wire;

/** How much of each task the {@code io.github.wxnetwork.wire} logger tells, at INFO. */
public enum WireLogLevel {

	/** Nothing: no line is built and no request is looked at. */
	NONE,

	/** One line per task when it ends: kind, method, masked URL, status, duration, attempt, and errMsg on failure. */
	BASIC,

	/** And each attempt and redirect hop: the request's and response's headers, secrets masked. */
	HEADERS,

	/**
	 * And text bodies up to {@code wx.network.logging.max-body}: a request's data and the response of a request or
	 * an upload. An upload's file and a download's body are never logged.
	 */
	BODY

}
