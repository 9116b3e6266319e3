package io.github.wxnetwork.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Objects;

import io.github.wxnetwork.DownloadProgress;
import io.github.wxnetwork.DownloadSuccess;
import io.github.wxnetwork.HeadersReceived;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Sink;

/**
 * {@code wx.downloadFile} on the wire: the body streamed into a {@code .part} file beside its final
 * place, capped on the bytes received, then moved into place atomically. Whatever the status code, the
 * body is the file (as in WeChat). On failure the part file is deleted, so nothing partial remains.
 *
 * <p>A retried attempt goes on from where the part stopped, as {@code curl -C -} does, when the response
 * that started the part offered {@code Accept-Ranges: bytes} and a strong validator (RFC 9110, section
 * 13.1.5): the next request asks for the rest with {@code Range} and {@code If-Range}, and only a
 * {@code 206} for exactly the rest of that same file is appended. Anything else (the file changed, the
 * server ignored or refused the range) starts the part again from zero. The cap counts the whole file, and
 * progress only rises unless the file's length changed.
 */
final class DownloadRoundTrip implements RoundTrip<DownloadSuccess> {

	private final DefaultDownloadTask task;

	private final Path target;

	private final TempFiles tempFiles;

	private final long maxBytes;

	private Path part;

	/** The response the part's first byte came from: the result's status and headers, however it was resumed. */
	private HeadersReceived started;

	/** The started response's length, or -1. */
	private long length = -1;

	/** {@code If-Range} for the rest of the part: a strong ETag or Last-Modified; null when it cannot resume. */
	private String validator;

	/** Whether the caller asked for a range of its own: then the part holds that range, never resumed. */
	private boolean callersRange;

	/** The byte this attempt asked the rest from ({@code Range}), or 0 when it asked for the whole file. */
	private long resumeFrom;

	private ProgressReporter progress;

	/**
	 * @param target the caller's filePath (checked), or null for a new file under the temp dir
	 */
	DownloadRoundTrip(DefaultDownloadTask task, Path target, TempFiles tempFiles, long maxBytes) {
		this.task = task;
		this.target = target;
		this.tempFiles = tempFiles;
		this.maxBytes = maxBytes;
	}

	@Override
	public Request request(Request original) {
		this.callersRange = original.header("Range") != null;
		this.resumeFrom = (this.validator != null) ? partSize() : 0;
		if (this.resumeFrom <= 0) {
			return original;
		}
		return original.newBuilder()
			.header("Range", "bytes=" + this.resumeFrom + "-")
			.header("If-Range", this.validator)
			.build();
	}

	@Override
	public boolean retriesAfterHeaders() {
		return true;
	}

	@Override
	public DownloadSuccess read(Response response, HeadersReceived headers) throws IOException {
		ResponseBody body = response.body();
		long offset = resumedAt(response);
		OpenOption[] options = (offset == 0) ? startPart(response, headers)
				: new OpenOption[] { StandardOpenOption.WRITE, StandardOpenOption.APPEND };
		// The length of the whole file: startPart has just taken it from this response when it starts at zero.
		long total = this.length;
		ProgressReporter progress = progress(total);
		try (Sink file = local(() -> CoalescingFileSink.open(this.part, options))) {
			BodyStreamer.stream(body, this.maxBytes - offset, (chunk, received, expected) -> {
				long done = offset + received;
				this.task.transferred(done, total);
				try {
					file.write(chunk, chunk.size());
					// Large writes, yet a progress report finds every byte it counts in the file.
					progress.update(done, file::flush);
				}
				catch (IOException ex) {
					throw WxIoException.local(ex);
				}
			});
		}
		if (!this.task.commit()) {
			// Aborted or timed out while the body streamed (a listener may abort on the last chunk, after
			// which the body ends without touching the cancelled socket): the task ends with that reason,
			// and the part is discarded instead of moved into place. Once committed, no abort can win, so
			// a task never reports abort over a file it has put in place.
			throw new IOException("Canceled");
		}
		Path result = (this.target != null) ? this.target : this.tempFiles.newTempFilePath(body.contentType());
		// A rename in the same directory: readers see the old file or the whole new one, never a part,
		// and a symbolic link planted at the target is replaced, not followed.
		local(() -> Files.move(this.part, result, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING));
		this.part = null;
		return new DownloadSuccess((this.target == null) ? result : null, this.target, this.started.statusCode(),
				this.started.header(), this.task.profile().snapshot(), this.task.attempts().exception());
	}

	/** One reporter for the whole download, so progress only rises; a new one only for a file of a new length. */
	private ProgressReporter progress(long total) {
		if (this.progress == null || this.progress.total() != total) {
			Listeners<DownloadProgress> listeners = this.task.progressListeners();
			this.progress = new ProgressReporter(total,
					(percent, done, expected) -> listeners.fire(new DownloadProgress(percent, done, expected)));
		}
		return this.progress;
	}

	/**
	 * Where this response's body goes in the part: after its bytes when it is exactly the rest asked for,
	 * else 0 (a whole response starts the part again).
	 * @throws IOException a range that is not the rest of the same file; the next attempt starts from zero
	 */
	private long resumedAt(Response response) throws IOException {
		long from = this.resumeFrom;
		if (from <= 0 || (response.code() != 206 && response.code() != 416)) {
			return 0;
		}
		String range = response.header("Content-Range", "");
		if (response.code() == 206 && isTheRest(range, from, response)) {
			return from;
		}
		this.validator = null;
		throw new IOException("the server answered the resumed download with " + response.code() + " \"" + range
				+ "\", not the bytes from " + from + ": it starts again");
	}

	/** {@code bytes <have>-<length - 1>/<length>}, of the same version, with a body of that many bytes. */
	private boolean isTheRest(String range, long have, Response response) {
		if (!range.startsWith("bytes ")) {
			return false;
		}
		int dash = range.indexOf('-');
		int slash = range.indexOf('/');
		if (dash < 0 || slash < dash) {
			return false;
		}
		long first;
		long last;
		long complete;
		try {
			first = Long.parseLong(range.substring(6, dash).trim());
			last = Long.parseLong(range.substring(dash + 1, slash).trim());
			String size = range.substring(slash + 1).trim();
			complete = "*".equals(size) ? -1 : Long.parseLong(size);
		}
		catch (NumberFormatException ex) {
			return false;
		}
		long bodyLength = response.body().contentLength();
		String etag = response.header("ETag");
		return first == have && (complete < 0 || last == complete - 1) && (this.length < 0 || complete == this.length)
				&& (bodyLength < 0 || bodyLength == last - first + 1)
				&& (etag == null || !this.validator.startsWith("\"") || etag.equals(this.validator));
	}

	/** A new part (or the old one emptied) for a body from byte zero; remembers how it could be resumed. */
	private OpenOption[] startPart(Response response, HeadersReceived headers) throws IOException {
		boolean emptied = this.part != null;
		if (!emptied) {
			Path directory = (this.target != null) ? this.target.getParent() : this.tempFiles.tempDir();
			this.part = local(() -> this.tempFiles.newPartFile(directory));
		}
		if (this.started != null) {
			// Started again: the file is this response's now (the headers event fired once, for the first).
			this.task.statusCode(response.code());
		}
		this.started = headers;
		this.length = response.body().contentLength();
		this.validator = validator(response);
		// WRITE without TRUNCATE_EXISTING for a new part: truncating a file makes ext4 flush it to disk on
		// close (5-34 ms per 50 MiB measured), which raw OkHttp's copy does not pay.
		return emptied ? new OpenOption[] { StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING }
				: new OpenOption[] { StandardOpenOption.WRITE };
	}

	/**
	 * What {@code If-Range} may say for the rest of this body (RFC 9110, section 13.1.5): a strong ETag; else,
	 * when there is no ETag at all, a Last-Modified at least a second before the response's Date. Null when
	 * the server offers no byte ranges, or the bytes on disk are not the server's (OkHttp unzipped them, or
	 * the caller asked for a range).
	 */
	private String validator(Response response) {
		Response network = response.networkResponse();
		if (response.code() != 200 || !"bytes".equalsIgnoreCase(response.header("Accept-Ranges")) || this.callersRange
				|| network == null
				|| !Objects.equals(network.header("Content-Encoding"), response.header("Content-Encoding"))) {
			return null;
		}
		String etag = response.header("ETag");
		if (etag != null) {
			return etag.startsWith("\"") ? etag : null;
		}
		Instant lastModified = response.headers().getInstant("Last-Modified");
		Instant date = response.headers().getInstant("Date");
		// A date is a strong validator only when the file was a second old when it was sent.
		return (lastModified != null && date != null && !lastModified.plusSeconds(1).isAfter(date))
				? response.header("Last-Modified") : null;
	}

	private long partSize() {
		if (this.part == null) {
			return 0;
		}
		try {
			return Files.size(this.part);
		}
		catch (IOException ex) {
			return 0;
		}
	}

	/** A file operation on this machine: its failure is no network error, so it is neither retried nor held against the upstream. */
	@FunctionalInterface
	private interface LocalFileOperation<T> {

		T run() throws IOException;

	}

	private static <T> T local(LocalFileOperation<T> operation) throws IOException {
		try {
			return operation.run();
		}
		catch (IOException ex) {
			throw WxIoException.local(ex);
		}
	}

	@Override
	public void discard() {
		TempFiles.deleteQuietly(this.part);
		this.part = null;
	}

}
