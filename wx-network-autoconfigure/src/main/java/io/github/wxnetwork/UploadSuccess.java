package io.github.wxnetwork;

import java.util.Map;

/** A finished upload: the server's reply as text, whatever its status code. */
public record UploadSuccess(String data, int statusCode, Map<String, String> header) {

	/** {@code "uploadFile:ok"}. */
	public String errMsg() {
		return "uploadFile:ok";
	}

}
