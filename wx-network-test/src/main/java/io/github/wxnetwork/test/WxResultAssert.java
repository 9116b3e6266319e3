package io.github.wxnetwork.test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

import io.github.wxnetwork.DownloadSuccess;
import io.github.wxnetwork.RequestSuccess;
import io.github.wxnetwork.UploadSuccess;

import org.assertj.core.api.AbstractObjectAssert;

/**
 * Assertions on a task's result: a {@link RequestSuccess}, {@link UploadSuccess} or {@link DownloadSuccess}.
 * AssertJ's own ({@code extracting}, {@code satisfies}, ...) apply as well.
 *
 * @param <R> the result type
 */
public final class WxResultAssert<R> extends AbstractObjectAssert<WxResultAssert<R>, R> {

	WxResultAssert(R result) {
		super(result, WxResultAssert.class);
	}

	/** The HTTP status; any status is a success in WeChat, so this is where a 404 shows. */
	public WxResultAssert<R> hasStatusCode(int statusCode) {
		int actualStatus = ofAnyKind(RequestSuccess::statusCode, UploadSuccess::statusCode,
				DownloadSuccess::statusCode);
		if (actualStatus != statusCode) {
			throw failureWithActualExpected(actualStatus, statusCode, "expected statusCode %s but was %s", statusCode,
					actualStatus);
		}
		return this;
	}

	/** A response header (names are matched ignoring case, as in WeChat's header map). */
	public WxResultAssert<R> hasHeader(String name, String value) {
		Map<String, String> header = ofAnyKind(RequestSuccess::header, UploadSuccess::header, DownloadSuccess::header);
		if (!Objects.equals(header.get(name), value)) {
			throw failureWithActualExpected(header.get(name), value, "expected header %s: %s but was %s (headers %s)",
					name, value, header.get(name), header);
		}
		return this;
	}

	/** What the three kinds of result all have, read from the one this is. */
	private <T> T ofAnyKind(Function<RequestSuccess, T> request, Function<UploadSuccess, T> upload,
			Function<DownloadSuccess, T> download) {
		isNotNull();
		if (this.actual instanceof RequestSuccess success) {
			return request.apply(success);
		}
		if (this.actual instanceof UploadSuccess success) {
			return upload.apply(success);
		}
		if (this.actual instanceof DownloadSuccess success) {
			return download.apply(success);
		}
		throw failure("%s is not a wx-network result", this.actual);
	}

	/**
	 * A request's or upload's {@code data}: for a request the parsed JSON value (a {@code Map}, {@code List},
	 * {@code String}, number, boolean or null) or the text; for an upload the server's text.
	 */
	public WxResultAssert<R> hasData(Object data) {
		isNotNull();
		Object actualData;
		if (this.actual instanceof RequestSuccess request) {
			actualData = request.data();
		}
		else if (this.actual instanceof UploadSuccess upload) {
			actualData = upload.data();
		}
		else {
			throw failure("%s has no data: a download's content is in its file (hasFileContent)", this.actual);
		}
		if (!Objects.deepEquals(actualData, data)) {
			throw failureWithActualExpected(actualData, data, "expected data %s but was %s", data, actualData);
		}
		return this;
	}

	/** A download's file (its {@code filePath}, else its {@code tempFilePath}) holds this text, in UTF-8. */
	public WxResultAssert<R> hasFileContent(String content) {
		if (!(this.actual instanceof DownloadSuccess download)) {
			throw failure("%s is not a download's result", this.actual);
		}
		Path file = (download.filePath() != null) ? download.filePath() : download.tempFilePath();
		String actualContent;
		try {
			actualContent = Files.readString(file, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw failure("expected %s to hold %s but it cannot be read: %s", file, content, ex);
		}
		if (!actualContent.equals(content)) {
			throw failureWithActualExpected(actualContent, content, "expected %s to hold %s but it holds %s", file,
					content, actualContent);
		}
		return this;
	}

}
