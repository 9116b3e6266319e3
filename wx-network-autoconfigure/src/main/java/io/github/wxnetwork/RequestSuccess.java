package io.github.wxnetwork;

import java.util.List;
import java.util.Map;

/**
 * A finished request, whatever its status code (4xx and 5xx included, as in WeChat).
 *
 * @param data a parsed JSON value (Map, List, String, Number, Boolean or null) when dataType is
 * "json" and the body parses; the body as a String otherwise; a {@code byte[]} for ARRAYBUFFER
 * @param statusCode the HTTP status
 * @param header response headers, case-insensitive, multiple values joined with {@code ,}
 * @param cookies every {@code Set-Cookie} value
 * @param profile timings and connection facts; null when {@code enableProfile} was false
 * @param exception WeChat's {@code exception}: the failed attempts before this result, when it was retried
 */
public record RequestSuccess(Object data, int statusCode, Map<String, String> header, List<String> cookies,
		WxProfile profile, ExceptionInfo exception) {

	public RequestSuccess {
		exception = (exception != null) ? exception : ExceptionInfo.NONE;
	}

	/** A result that was not retried (the first round's shape). */
	public RequestSuccess(Object data, int statusCode, Map<String, String> header, List<String> cookies,
			WxProfile profile) {
		this(data, statusCode, header, cookies, profile, ExceptionInfo.NONE);
	}

	/** {@code "request:ok"}. */
	public String errMsg() {
		return "request:ok";
	}

	/**
	 * {@code data} converted to {@code type} with the application's JSON mapper (a Map to a record, say).
	 * @throws IllegalArgumentException when it cannot be converted
	 */
	public <T> T dataAs(Class<T> type) {
		return DataConversion.convert(this.data, type);
	}

}
