package io.github.wxnetwork.engine.socket;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;

import javax.net.SocketFactory;

/**
 * Plain sockets whose streams coalesce small reads and writes. okio moves 8 KiB segments, one system call
 * each; a 50 MiB transfer is then 6,400 calls where curl makes a few hundred. The streams buffer up to
 * {@value #MAX_BUFFER} bytes, so a large body moves in large calls, while a connection that only carries
 * small exchanges keeps small buffers (they grow only while data arrives or leaves faster than one buffer).
 *
 * <p>TLS layers on top of the plain socket and reads its records through these streams too. Nothing waits in
 * a buffer: OkHttp and the JDK's TLS flush after every message they write, and a read returns what one call
 * of the socket gave.
 */
public final class CoalescingSocketFactory extends SocketFactory {

	/** 256 KiB: measured here, larger buffers gained nothing more. */
	static final int MAX_BUFFER = 256 * 1024;

	static final int MIN_BUFFER = 8 * 1024;

	@Override
	public Socket createSocket() {
		return new CoalescingSocket();
	}

	@Override
	public Socket createSocket(String host, int port) throws IOException {
		return connected(new CoalescingSocket(), host, port, null, 0);
	}

	@Override
	public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
		return connected(new CoalescingSocket(), host, port, localHost, localPort);
	}

	@Override
	public Socket createSocket(InetAddress host, int port) throws IOException {
		return connected(new CoalescingSocket(), host.getHostAddress(), port, null, 0);
	}

	@Override
	public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
			throws IOException {
		return connected(new CoalescingSocket(), address.getHostAddress(), port, localAddress, localPort);
	}

	private static Socket connected(Socket socket, String host, int port, InetAddress localAddress, int localPort)
			throws IOException {
		try {
			if (localAddress != null || localPort != 0) {
				socket.bind(new InetSocketAddress(localAddress, localPort));
			}
			socket.connect(new InetSocketAddress(host, port));
			return socket;
		}
		catch (IOException ex) {
			socket.close();
			throw ex;
		}
	}

	/** A socket that hands out one coalescing stream each way, however often it is asked. */
	private static final class CoalescingSocket extends Socket {

		private InputStream in;

		private OutputStream out;

		@Override
		public synchronized InputStream getInputStream() throws IOException {
			if (this.in == null) {
				this.in = new CoalescingInputStream(super.getInputStream());
			}
			return this.in;
		}

		@Override
		public synchronized OutputStream getOutputStream() throws IOException {
			if (this.out == null) {
				this.out = new CoalescingOutputStream(super.getOutputStream());
			}
			return this.out;
		}

	}

}
