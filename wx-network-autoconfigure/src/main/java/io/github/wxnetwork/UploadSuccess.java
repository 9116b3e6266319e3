package io.github.wxnetwork;

import java.util.Map;

/**
 * A finished upload: the server's reply as text, whatever its status code.
 *
 * @param data the reply's body as text
 * @param statusCode the HTTP status
 * @param header response headers, case-insensitive
 * @param profile timings and connection facts; null when {@code enableProfile} was false
 */
public record UploadSuccess(String data, int statusCode, Map<String, String> header, WxProfile profile) {

	/** A result without a profile (the first round's shape). */
	public UploadSuccess(String data, int statusCode, Map<String, String> header) {
		this(data, statusCode, header, null);
	}

	/** {@code "uploadFile:ok"}. */
	public String errMsg() {
		return "uploadFile:ok";
	}

}
