package io.github.wxnetwork;

import java.nio.file.Path;
import java.util.Map;

/**
 * A finished download. {@code tempFilePath} is set when no {@code filePath} was given, {@code filePath}
 * when one was; the other is null. {@code profile} is null when {@code enableProfile} was false.
 * {@code exception} is WeChat's: the failed attempts before this result, when it was retried (a resumed
 * download's cut included).
 */
public record DownloadSuccess(Path tempFilePath, Path filePath, int statusCode, Map<String, String> header,
		WxProfile profile, ExceptionInfo exception) {

	public DownloadSuccess {
		exception = (exception != null) ? exception : ExceptionInfo.NONE;
	}

	/** A result that was not retried (the first round's shape). */
	public DownloadSuccess(Path tempFilePath, Path filePath, int statusCode, Map<String, String> header,
			WxProfile profile) {
		this(tempFilePath, filePath, statusCode, header, profile, ExceptionInfo.NONE);
	}

	/** {@code "downloadFile:ok"}. */
	public String errMsg() {
		return "downloadFile:ok";
	}

}
