package io.github.wxnetwork.engine.socket;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Objects;

/**
 * Reads the socket in calls as large as the data that is there, up to {@link CoalescingSocketFactory#MAX_BUFFER}.
 * Unlike {@link java.io.BufferedInputStream} it never asks the socket twice for one read (a read returns as
 * soon as one call gave data), holds no lock, and starts small: the buffer doubles only when a call filled
 * it, that is while a body streams in, and is small again once a call brings little.
 */
final class CoalescingInputStream extends InputStream {

	private final InputStream in;

	private byte[] buffer = new byte[CoalescingSocketFactory.MIN_BUFFER];

	private int position;

	private int limit;

	CoalescingInputStream(InputStream in) {
		this.in = in;
	}

	@Override
	public int read() throws IOException {
		while (this.position == this.limit) {
			if (fill() < 0) {
				return -1;
			}
		}
		return this.buffer[this.position++] & 0xff;
	}

	@Override
	public int read(byte[] target, int offset, int length) throws IOException {
		Objects.checkFromIndexSize(offset, length, target.length);
		if (length == 0) {
			return 0;
		}
		if (this.position == this.limit) {
			if (length >= CoalescingSocketFactory.MAX_BUFFER) {
				// As large as the largest buffer: straight into the caller's array, no copy.
				return this.in.read(target, offset, length);
			}
			if (fill() < 0) {
				return -1;
			}
		}
		int count = Math.min(length, this.limit - this.position);
		System.arraycopy(this.buffer, this.position, target, offset, count);
		this.position += count;
		return count;
	}

	/**
	 * One call of the socket into the empty buffer. A call that filled it doubles the buffer for next time; one
	 * that brought no more than the smallest buffer holds (the body is over, or trickles) lets a large one go.
	 */
	private int fill() throws IOException {
		int count = this.in.read(this.buffer, 0, this.buffer.length);
		this.position = 0;
		this.limit = Math.max(count, 0);
		if (count == this.buffer.length && count < CoalescingSocketFactory.MAX_BUFFER) {
			this.buffer = Arrays.copyOf(this.buffer, count * 2);
		}
		else if (count <= CoalescingSocketFactory.MIN_BUFFER && this.buffer.length > CoalescingSocketFactory.MIN_BUFFER) {
			this.buffer = Arrays.copyOf(this.buffer, CoalescingSocketFactory.MIN_BUFFER);
		}
		return count;
	}

	@Override
	public int available() throws IOException {
		return (this.limit - this.position) + this.in.available();
	}

	@Override
	public void close() throws IOException {
		this.in.close();
	}

}
