package io.github.wxnetwork.engine;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.OpenOption;
import java.nio.file.Path;

import okio.Buffer;
import okio.Sink;
import okio.Timeout;

/**
 * A file sink that writes in pieces of up to {@value #PIECE} bytes: okio's own writes each 8 KiB segment with
 * a system call of its own, which is most of a download's time once the socket is fast. What waits in the
 * piece reaches the file on {@link #flush()} and {@link #close()}.
 */
final class CoalescingFileSink implements Sink {

	/** Few file calls (800 for 50 MiB), while a thousand downloads at once hold 64 MiB of pieces, not 256. */
	private static final int PIECE = 64 * 1024;

	private final FileChannel channel;

	private final ByteBuffer piece = ByteBuffer.allocate(PIECE);

	private CoalescingFileSink(FileChannel channel) {
		this.channel = channel;
	}

	static CoalescingFileSink open(Path file, OpenOption... options) throws IOException {
		return new CoalescingFileSink(FileChannel.open(file, options));
	}

	@Override
	public void write(Buffer source, long byteCount) throws IOException {
		long left = byteCount;
		while (left > 0) {
			if (!this.piece.hasRemaining()) {
				drain();
			}
			int room = (int) Math.min(left, this.piece.remaining());
			int limit = this.piece.limit();
			this.piece.limit(this.piece.position() + room);
			int read = source.read(this.piece);
			this.piece.limit(limit);
			if (read <= 0) {
				throw new IllegalArgumentException("the source holds fewer than " + byteCount + " bytes");
			}
			left -= read;
		}
	}

	private void drain() throws IOException {
		this.piece.flip();
		try {
			while (this.piece.hasRemaining()) {
				this.channel.write(this.piece);
			}
		}
		finally {
			// Emptied even when a write failed (a full disk): close() must not write the same bytes again.
			this.piece.clear();
		}
	}

	@Override
	public void flush() throws IOException {
		drain();
	}

	@Override
	public Timeout timeout() {
		return Timeout.NONE;
	}

	@Override
	public void close() throws IOException {
		try (FileChannel closing = this.channel) {
			drain();
		}
	}

}
