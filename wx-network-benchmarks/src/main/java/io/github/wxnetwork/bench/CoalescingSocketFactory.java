package io.github.wxnetwork.bench;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;

import javax.net.SocketFactory;

/**
 * A diagnostic (the {@code -coalesced} transfer clients): plain sockets whose streams are buffered, so that
 * okio's one-8-KiB-segment-per-call reads and writes become a few large system calls. OkHttp flushes its
 * sink after every request, so nothing it writes waits in the buffer.
 */
final class CoalescingSocketFactory extends SocketFactory {

	private final int size;

	CoalescingSocketFactory(int size) {
		this.size = size;
	}

	@Override
	public Socket createSocket() {
		return new CoalescingSocket(this.size);
	}

	@Override
	public Socket createSocket(String host, int port) throws IOException {
		throw new UnsupportedOperationException("OkHttp connects unconnected sockets");
	}

	@Override
	public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
		throw new UnsupportedOperationException("OkHttp connects unconnected sockets");
	}

	@Override
	public Socket createSocket(InetAddress host, int port) throws IOException {
		throw new UnsupportedOperationException("OkHttp connects unconnected sockets");
	}

	@Override
	public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
			throws IOException {
		throw new UnsupportedOperationException("OkHttp connects unconnected sockets");
	}

	static final class CoalescingSocket extends Socket {

		private final int size;

		private InputStream in;

		private OutputStream out;

		CoalescingSocket(int size) {
			this.size = size;
		}

		@Override
		public synchronized InputStream getInputStream() throws IOException {
			if (this.in == null) {
				this.in = new BufferedInputStream(super.getInputStream(), this.size);
			}
			return this.in;
		}

		@Override
		public synchronized OutputStream getOutputStream() throws IOException {
			if (this.out == null) {
				this.out = new BufferedOutputStream(super.getOutputStream(), this.size);
			}
			return this.out;
		}

	}

}
