package io.github.wxnetwork.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

import io.github.wxnetwork.DownloadProgress;
import io.github.wxnetwork.DownloadSuccess;
import io.github.wxnetwork.HeadersReceived;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Okio;
import okio.Sink;

/**
 * {@code wx.downloadFile} on the wire: the body streamed into a {@code .part} file beside its final
 * place, capped on the bytes received, then moved into place atomically. Whatever the status code, the
 * body is the file (as in WeChat). On failure the part file is deleted, so nothing partial remains.
 */
final class DownloadRoundTrip implements RoundTrip<DownloadSuccess> {

	private final DefaultDownloadTask task;

	private final Path target;

	private final TempFiles tempFiles;

	private final long maxBytes;

	private Path part;

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
	public DownloadSuccess read(Response response, HeadersReceived headers) throws IOException {
		ResponseBody body = response.body();
		Path directory = (this.target != null) ? this.target.getParent() : this.tempFiles.tempDir();
		this.part = this.tempFiles.newPartFile(directory);
		Listeners<DownloadProgress> listeners = this.task.progressListeners();
		ProgressReporter progress = new ProgressReporter(body.contentLength(),
				(percent, done, total) -> listeners.fire(new DownloadProgress(percent, done, total)));
		// WRITE without TRUNCATE_EXISTING: the part is new and empty, and truncating a file makes ext4 flush
		// it to disk on close (5-34 ms per 50 MiB measured), which raw OkHttp's copy does not pay.
		try (Sink file = Okio.sink(this.part, StandardOpenOption.WRITE)) {
			BodyStreamer.stream(body, this.maxBytes, (chunk, received, expected) -> {
				this.task.transferred(received, expected);
				file.write(chunk, chunk.size());
				progress.update(received);
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
		return new DownloadSuccess((this.target == null) ? result : null, this.target, response.code(),
				headers.header(), this.task.profile().snapshot());
	}

	@Override
	public void discard() {
		TempFiles.deleteQuietly(this.part);
		this.part = null;
	}

}
