package io.github.wxnetwork;

import java.nio.file.Path;
import java.util.Map;

/**
 * A finished download. {@code tempFilePath} is set when no {@code filePath} was given, {@code filePath}
 * when one was; the other is null. {@code profile} is null when {@code enableProfile} was false.
 */
public record DownloadSuccess(Path tempFilePath, Path filePath, int statusCode, Map<String, String> header,
		WxProfile profile) {

	/** {@code "downloadFile:ok"}. */
	public String errMsg() {
		return "downloadFile:ok";
	}

}
