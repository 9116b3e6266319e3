package io.github.wxnetwork.engine.socket;

import java.io.IOException;
import java.io.OutputStream;
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
			makeRoom(1);
		}
		this.buffer[this.count++] = (byte) value;
	}

	@Override
	public void write(byte[] source, int offset, int length) throws IOException {
		Objects.checkFromIndexSize(offset, length, source.length);
		if (this.count == 0 && length > CoalescingSocketFactory.SEGMENT) {
			// Nothing waits and this is more than a segment (a TLS record, flushed right after): no copy.
			this.out.write(source, offset, length);
			return;
		}
		if (this.count + length > this.buffer.length) {
			makeRoom(length);
			if (length > this.buffer.length) {
				// Larger than the largest buffer: written as it is, after what waited.
				this.out.write(source, offset, length);
				return;
			}
		}
		System.arraycopy(source, offset, this.buffer, this.count, length);
		this.count += length;
	}

	/** Grows the buffer towards the maximum; once there, sends what waits. */
	private void makeRoom(int length) throws IOException {
		if (this.buffer.length < CoalescingSocketFactory.MAX_BUFFER) {
			int size = this.buffer.length;
			while (size < this.count + length && size < CoalescingSocketFactory.MAX_BUFFER) {
				size *= 2;
			}
			byte[] larger = new byte[size];
			System.arraycopy(this.buffer, 0, larger, 0, this.count);
			this.buffer = larger;
		}
		if (this.count + length > this.buffer.length) {
			drain();
		}
	}

	private void drain() throws IOException {
		if (this.count > 0) {
			this.out.write(this.buffer, 0, this.count);
			this.count = 0;
		}
	}

	/** Sends what waits; a buffer that grew for a body goes back to the small one (a pooled connection keeps it). */
	@Override
	public void flush() throws IOException {
		drain();
		if (this.buffer.length > CoalescingSocketFactory.MIN_BUFFER) {
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
