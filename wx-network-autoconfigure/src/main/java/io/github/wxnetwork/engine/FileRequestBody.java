package io.github.wxnetwork.engine;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import okhttp3.MediaType;
import okhttp3.RequestBody;
import okio.BufferedSink;
import okio.Okio;
import okio.Source;

/** A file on disk as a request body, streamed from disk on each write (never held in memory). */
final class FileRequestBody extends RequestBody {

	private final Path file;

	private final MediaType contentType;

	private final long length;

	FileRequestBody(Path file, MediaType contentType) throws IOException {
		this.file = file;
		this.contentType = contentType;
		this.length = Files.size(file);
	}

	@Override
	public MediaType contentType() {
		return this.contentType;
	}

	@Override
	public long contentLength() {
		return this.length;
	}

	@Override
	public void writeTo(BufferedSink sink) throws IOException {
		Source opened;
		try {
			opened = Okio.source(this.file);
		}
		catch (NoSuchFileException | AccessDeniedException ex) {
			// Removed or made unreadable since the task was created (it may have waited in the queue).
			throw new WxIoException("upload source cannot be read: " + ex.getMessage(),
					(kind) -> Failures.fail(kind, "file not found", 0));
		}
		try (Source source = opened) {
			sink.writeAll(source);
		}
	}

}
