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
 * small exchanges keeps small buffers: they grow only while data arrives or leaves faster than one buffer.
 * The output buffer is small again after each flush (the end of a request); the input buffer after a read
 * that brings 2 KiB or less, so a connection idle after a large body may keep its large input buffer until
 * its next small response.
 *
 * <p>TLS layers on top of the plain socket and reads its records through these streams too; the JDK's TLS
 * flushes every record it writes (records of more than a segment pass straight through), so the engine uses
 * these sockets only with the JDK's TLS. A read returns what one call of the socket gave.
 * Written data waits for a flush: OkHttp's HTTP/1 flushes after each request, but its cleartext h2 does
 * not before it waits for the peer's window, so the engine does not use these sockets for
 * {@code H2_PRIOR_KNOWLEDGE}.
 */
public final class CoalescingSocketFactory extends SocketFactory {

	/** The one factory: OkHttp pools connections by address, and an address includes its socket factory. */
	public static final CoalescingSocketFactory INSTANCE = new CoalescingSocketFactory();

	/** 256 KiB: the size the benchmarks' socket diagnostic measured (BENCHMARKS.md, finding 3). */
	static final int MAX_BUFFER = 256 * 1024;

	/** What a buffer starts at and returns to: a small exchange fits, and a thousand small ones in flight hold 4 MiB. */
	static final int MIN_BUFFER = 2 * 1024;

	/** okio's segment: reads and writes of one are coalesced, larger ones (a TLS record) pass through. */
	static final int SEGMENT = 8 * 1024;

	private CoalescingSocketFactory() {
	}

	@Override
	public Socket createSocket() {
		return new CoalescingSocket();
	}

	@Override
	public Socket createSocket(String host, int port) throws IOException {
		return connected(new InetSocketAddress(host, port), null);
	}

	@Override
	public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
		return connected(new InetSocketAddress(host, port), new InetSocketAddress(localHost, localPort));
	}

	@Override
	public Socket createSocket(InetAddress host, int port) throws IOException {
		return connected(new InetSocketAddress(host, port), null);
	}

	@Override
	public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
			throws IOException {
		return connected(new InetSocketAddress(address, port), new InetSocketAddress(localAddress, localPort));
	}

	/** What the JDK's default factory does for these (OkHttp itself connects an unconnected socket). */
	private static Socket connected(InetSocketAddress remote, InetSocketAddress local) throws IOException {
		Socket socket = new CoalescingSocket();
		try {
			if (local != null) {
				socket.bind(local);
			}
			socket.connect(remote);
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

		/** What waits in the buffer leaves before the half-close. */
		@Override
		public void shutdownOutput() throws IOException {
			OutputStream waiting;
			synchronized (this) {
				waiting = this.out;
			}
			if (waiting != null) {
				waiting.flush();
			}
			super.shutdownOutput();
		}

	}

}
