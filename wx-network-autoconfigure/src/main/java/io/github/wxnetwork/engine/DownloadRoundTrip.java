package io.github.wxnetwork.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Objects;

import io.github.wxnetwork.DownloadProgress;
import io.github.wxnetwork.DownloadSuccess;
import io.github.wxnetwork.HeadersReceived;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Okio;
import okio.Sink;

/**
 * {@code wx.downloadFile} on the wire: the body streamed into a {@code .part} file beside its final
 * place, capped on the bytes received, then moved into place atomically. Whatever the status code, the
 * body is the file (as in WeChat). On failure the part file is deleted, so nothing partial remains.
 *
 * <p>A retried attempt goes on from where the part stopped, as {@code curl -C -} does: when the response
 * it continues offered {@code Accept-Ranges: bytes} and a validator, the next request asks for the rest
 * with {@code Range} and {@code If-Range}; a {@code 206} from the right byte is appended, anything else
 * (the file changed, the server ignored the range) starts the part again from zero. The cap counts the
 * whole file.
 */
final class DownloadRoundTrip implements RoundTrip<DownloadSuccess> {

	private final DefaultDownloadTask task;

	private final Path target;

	private final TempFiles tempFiles;

	private final long maxBytes;

	private Path part;

	/** The response the part's first byte came from: the result's status and headers, however it was resumed. */
	private HeadersReceived started;

	/** {@code If-Range} for the rest of the part: a strong ETag or Last-Modified; null when it cannot resume. */
	private String validator;

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
		long have = partSize();
		if (this.validator == null || have <= 0) {
			return original;
		}
		return original.newBuilder().header("Range", "bytes=" + have + "-").header("If-Range", this.validator).build();
	}

	@Override
	public boolean retriesAfterHeaders() {
		return true;
	}

	@Override
	public DownloadSuccess read(Response response, HeadersReceived headers) throws IOException {
		ResponseBody body = response.body();
		long offset = resumedAt(response);
		OpenOption[] options = { StandardOpenOption.WRITE, StandardOpenOption.APPEND };
		if (offset == 0) {
			options = startPart(response, headers);
		}
		long total = (body.contentLength() >= 0) ? offset + body.contentLength() : -1;
		Listeners<DownloadProgress> listeners = this.task.progressListeners();
		ProgressReporter progress = new ProgressReporter(total,
				(percent, done, expected) -> listeners.fire(new DownloadProgress(percent, done, expected)));
		try (Sink file = Okio.sink(this.part, options)) {
			BodyStreamer.stream(body, this.maxBytes - offset, (chunk, received, expected) -> {
				long done = offset + received;
				this.task.transferred(done, total);
				file.write(chunk, chunk.size());
				progress.update(done);
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
		Files.move(this.part, result, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		this.part = null;
		return new DownloadSuccess((this.target == null) ? result : null, this.target, this.started.statusCode(),
				this.started.header(), this.task.profile().snapshot(), this.task.attempts().exception());
	}

	/**
	 * Where this response's body goes in the part: after its bytes when it is the 206 asked for, else 0.
	 * @throws IOException a 206 from another byte; the next attempt starts again from zero
	 */
	private long resumedAt(Response response) throws IOException {
		long have = partSize();
		if (this.validator == null || have <= 0 || response.code() != 206) {
			return 0;
		}
		String range = response.header("Content-Range", "");
		long from = -1;
		if (range.startsWith("bytes ") && range.indexOf('-') > 6) {
			try {
				from = Long.parseLong(range.substring(6, range.indexOf('-')).trim());
			}
			catch (NumberFormatException ex) {
				from = -1;
			}
		}
		if (from != have) {
			this.validator = null;
			throw new IOException("the server resumed the download with Content-Range \"" + range + "\", not at byte " + have);
		}
		return have;
	}

	/** A new part (or the old one emptied) for a body from byte zero; remembers how it could be resumed. */
	private OpenOption[] startPart(Response response, HeadersReceived headers) throws IOException {
		boolean emptied = this.part != null;
		if (!emptied) {
			Path directory = (this.target != null) ? this.target.getParent() : this.tempFiles.tempDir();
			this.part = this.tempFiles.newPartFile(directory);
		}
		this.started = headers;
		this.validator = validator(response);
		// WRITE without TRUNCATE_EXISTING for a new part: truncating a file makes ext4 flush it to disk on
		// close (5-34 ms per 50 MiB measured), which raw OkHttp's copy does not pay.
		return emptied ? new OpenOption[] { StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING }
				: new OpenOption[] { StandardOpenOption.WRITE };
	}

	/**
	 * What {@code If-Range} may say for the rest of this body: a strong ETag, else Last-Modified; null when
	 * the server offers no byte ranges, or the bytes on disk are not the server's (OkHttp unzipped them, or
	 * the caller asked for a range of its own).
	 */
	private static String validator(Response response) {
		Response network = response.networkResponse();
		if (response.code() != 200 || !"bytes".equalsIgnoreCase(response.header("Accept-Ranges"))
				|| response.request().header("Range") != null || network == null
				|| !Objects.equals(network.header("Content-Encoding"), response.header("Content-Encoding"))) {
			return null;
		}
		String etag = response.header("ETag");
		if (etag != null && !etag.startsWith("W/")) {
			return etag;
		}
		return response.header("Last-Modified");
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

	@Override
	public void discard() {
		TempFiles.deleteQuietly(this.part);
		this.part = null;
	}

}
