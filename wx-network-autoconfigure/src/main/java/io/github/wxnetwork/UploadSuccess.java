package io.github.wxnetwork;

import java.util.Map;

/**
 * A finished upload: the server's reply as text, whatever its status code.
 *
 * @param data the reply's body as text
 * @param statusCode the HTTP status
 * @param header response headers, case-insensitive
 * @param profile timings and connection facts; null when {@code enableProfile} was false
 * @param exception WeChat's {@code exception}: the failed attempts before this result, when it was retried
 */
public record UploadSuccess(String data, int statusCode, Map<String, String> header, WxProfile profile,
		ExceptionInfo exception) {

	public UploadSuccess {
		exception = (exception != null) ? exception : ExceptionInfo.NONE;
	}

	/** A result that was not retried. */
	public UploadSuccess(String data, int statusCode, Map<String, String> header, WxProfile profile) {
		this(data, statusCode, header, profile, ExceptionInfo.NONE);
	}

	/** A result without a profile (the first round's shape). */
	public UploadSuccess(String data, int statusCode, Map<String, String> header) {
		this(data, statusCode, header, null);
	}

	/** {@code "uploadFile:ok"}. */
	public String errMsg() {
		return "uploadFile:ok";
	}

}
