package io.github.wxnetwork.engine;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import okhttp3.MediaType;
import okhttp3.RequestBody;
import okio.BufferedSink;

/** A file on disk as a request body, streamed from disk on each write (never held in memory). */
final class FileRequestBody extends RequestBody {

	/** Few file calls (800 for 50 MiB), while a thousand uploads at once hold 64 MiB of pieces. */
	private static final int READ_SIZE = 64 * 1024;

	/** okio's segment size: one progress step per segment, as okio's own file source gave. */
	private static final int SLICE = 8 * 1024;

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

	/**
	 * Reads the file in large pieces (okio's own file source makes a system call per 8 KiB) and hands them to
	 * the sink a segment at a time, so progress still moves in steps as fine as before.
	 */
	@Override
	public void writeTo(BufferedSink sink) throws IOException {
		FileChannel opened;
		try {
			opened = FileChannel.open(this.file, StandardOpenOption.READ);
		}
		catch (NoSuchFileException | AccessDeniedException ex) {
			// Removed or made unreadable since the task was created (it may have waited in the queue).
			throw new WxIoException("upload source cannot be read: " + ex.getMessage(),
					(kind) -> Failures.fail(kind, "file not found", 0));
		}
		try (FileChannel channel = opened) {
			ByteBuffer piece = ByteBuffer.allocate(READ_SIZE);
			while (channel.read(piece) >= 0) {
				int end = piece.position();
				for (int from = 0; from < end; from += SLICE) {
					piece.limit(Math.min(from + SLICE, end)).position(from);
					sink.write(piece);
				}
				piece.clear();
			}
		}
	}

}
