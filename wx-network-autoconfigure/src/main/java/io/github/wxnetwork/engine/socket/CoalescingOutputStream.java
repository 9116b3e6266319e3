package io.github.wxnetwork.engine.socket;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Objects;

/**
 * Gathers writes until {@link #flush()} or until {@link CoalescingSocketFactory#MAX_BUFFER} bytes wait, so a
 * streamed body leaves in large system calls. The buffer starts small, doubles only while more is written
 * between two flushes than it holds, and is small again after the flush: a connection of small requests
 * never holds a large one.
 */
final class CoalescingOutputStream extends OutputStream {

	private final OutputStream out;

	private byte[] buffer = new byte[CoalescingSocketFactory.MIN_BUFFER];

	private int count;

	CoalescingOutputStream(OutputStream out) {
		this.out = out;
	}

	@Override
	public void write(int value) throws IOException {
		if (this.count == this.buffer.length) {
			if (this.count == CoalescingSocketFactory.MAX_BUFFER) {
				drain();
			}
			else {
				grow(this.count + 1);
			}
		}
		this.buffer[this.count++] = (byte) value;
	}

	@Override
	public void write(byte[] source, int offset, int length) throws IOException {
		Objects.checkFromIndexSize(offset, length, source.length);
		if ((long) this.count + length > CoalescingSocketFactory.MAX_BUFFER) {
			// Would not fit even the largest buffer: what waits leaves first, in order.
			drain();
		}
		if (this.count == 0 && length > CoalescingSocketFactory.SEGMENT) {
			// More than a segment with nothing waiting (a TLS record, flushed right after; a huge write): no copy.
			this.out.write(source, offset, length);
			return;
		}
		if (this.count + length > this.buffer.length) {
			grow(this.count + length);
		}
		System.arraycopy(source, offset, this.buffer, this.count, length);
		this.count += length;
	}

	/** Doubles the buffer until {@code needed} fits (never past the largest: callers drained before). */
	private void grow(int needed) {
		int size = this.buffer.length;
		while (size < needed) {
			size *= 2;
		}
		this.buffer = Arrays.copyOf(this.buffer, Math.min(size, CoalescingSocketFactory.MAX_BUFFER));
	}

	private void drain() throws IOException {
		if (this.count > 0) {
			this.out.write(this.buffer, 0, this.count);
			this.count = 0;
		}
	}

	/** Sends what waits; a buffer that grew past a segment for a body goes back to the small one. */
	@Override
	public void flush() throws IOException {
		drain();
		if (this.buffer.length > CoalescingSocketFactory.SEGMENT) {
			this.buffer = new byte[CoalescingSocketFactory.MIN_BUFFER];
		}
		this.out.flush();
	}

	/** Closes the socket. What was never flushed is dropped: callers flush what they mean to send. */
	@Override
	public void close() throws IOException {
		this.count = 0;
		this.out.close();
	}

}
