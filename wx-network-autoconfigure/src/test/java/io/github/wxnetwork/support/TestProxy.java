package io.github.wxnetwork.support;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A small real proxy on loopback, speaking either HTTP (absolute-form requests and CONNECT tunnels, with
 * Basic authentication when given credentials) or SOCKS5 (no authentication). Host names in requests are
 * resolved by the proxy, as a real egress proxy does: {@code upstream.test} (which no DNS knows) is
 * 127.0.0.1, so a call that reaches its server went through here. It records what it was asked.
 */
public final class TestProxy implements Closeable {

	/** The name only this proxy resolves. */
	public static final String UPSTREAM = "upstream.test";

	private final ServerSocket serverSocket;

	private final ExecutorService threads = Executors.newCachedThreadPool((runnable) -> {
		Thread thread = new Thread(runnable, "test-proxy");
		thread.setDaemon(true);
		return thread;
	});

	private final boolean socks;

	private final String expectedAuthorization;

	/** "CONNECT upstream.test:443", "GET http://upstream.test:80/x", "SOCKS upstream.test:80". */
	public final List<String> requests = new CopyOnWriteArrayList<>();

	/** The Proxy-Authorization header of each HTTP request (null when there was none). */
	public final List<String> authorizations = new CopyOnWriteArrayList<>();

	/** Every socket it opened or accepted, closed with it (blocked reads end then). */
	private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();

	private TestProxy(boolean socks, String expectedAuthorization) throws IOException {
		this.socks = socks;
		this.expectedAuthorization = expectedAuthorization;
		this.serverSocket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		this.threads.execute(this::accept);
	}

	/** An HTTP proxy; with a non-null {@code basicCredentials} ("Basic ...") it demands them (407). */
	public static TestProxy http(String basicCredentials) throws IOException {
		return new TestProxy(false, basicCredentials);
	}

	public static TestProxy socks5() throws IOException {
		return new TestProxy(true, null);
	}

	public int port() {
		return this.serverSocket.getLocalPort();
	}

	private void accept() {
		while (!this.serverSocket.isClosed()) {
			try {
				Socket client = this.serverSocket.accept();
				this.sockets.add(client);
				this.threads.execute(() -> serve(client));
			}
			catch (IOException ex) {
				return;
			}
		}
	}

	private void serve(Socket client) {
		try (client) {
			if (this.socks) {
				socks(client);
			}
			else {
				http(client);
			}
		}
		catch (IOException ex) {
			// The client or the server went away: the tunnel ends.
		}
		finally {
			this.sockets.remove(client);
		}
	}

	private void http(Socket client) throws IOException {
		InputStream in = client.getInputStream();
		String head = readHead(in);
		String[] requestLine = head.substring(0, head.indexOf("\r\n")).split(" ");
		String authorization = header(head, "Proxy-Authorization");
		this.requests.add(requestLine[0] + " " + requestLine[1]);
		this.authorizations.add(authorization);
		OutputStream out = client.getOutputStream();
		if (this.expectedAuthorization != null && !this.expectedAuthorization.equals(authorization)) {
			// The body is read first, so a client still sending it sees the 407, not a reset.
			String length = header(head, "Content-Length");
			in.skipNBytes((length != null) ? Long.parseLong(length) : 0);
			out.write(("HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm=\"test\"\r\n"
					+ "Content-Length: 0\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
			return;
		}
		if (requestLine[0].equals("CONNECT")) {
			String[] target = requestLine[1].split(":");
			try (Socket upstream = connect(target[0], Integer.parseInt(target[1]))) {
				out.write("HTTP/1.1 200 Connection established\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
				pipe(client, upstream);
			}
			return;
		}
		URI target = URI.create(requestLine[1]);
		try (Socket upstream = connect(target.getHost(), target.getPort())) {
			// Origin-form to the server, without the proxy's header; one request per connection.
			String headers = head.substring(head.indexOf("\r\n") + 2, head.length() - 2)
				.replaceAll("(?im)^(Proxy-Authorization|Proxy-Connection|Connection): [^\r]*\r\n", "");
			String forwarded = requestLine[0] + " " + target.getRawPath()
					+ ((target.getRawQuery() != null) ? "?" + target.getRawQuery() : "") + " " + requestLine[2] + "\r\n"
					+ headers + "Connection: close\r\n\r\n";
			upstream.getOutputStream().write(forwarded.getBytes(StandardCharsets.ISO_8859_1));
			pipe(client, upstream);
		}
	}

	private void socks(Socket client) throws IOException {
		DataInputStream in = new DataInputStream(client.getInputStream());
		OutputStream out = client.getOutputStream();
		if (in.readUnsignedByte() != 5) {
			return;
		}
		in.skipNBytes(in.readUnsignedByte());
		out.write(new byte[] { 5, 0 });
		in.readUnsignedByte();
		int command = in.readUnsignedByte();
		in.readUnsignedByte();
		int addressType = in.readUnsignedByte();
		String host = switch (addressType) {
			case 1 -> InetAddress.getByAddress(in.readNBytes(4)).getHostAddress();
			case 3 -> new String(in.readNBytes(in.readUnsignedByte()), StandardCharsets.US_ASCII);
			case 4 -> InetAddress.getByAddress(in.readNBytes(16)).getHostAddress();
			default -> throw new IOException("address type " + addressType);
		};
		int port = in.readUnsignedShort();
		this.requests.add("SOCKS " + host + ":" + port);
		if (command != 1) {
			return;
		}
		try (Socket upstream = connect(host, port)) {
			out.write(new byte[] { 5, 0, 0, 1, 0, 0, 0, 0, 0, 0 });
			pipe(client, upstream);
		}
	}

	private Socket connect(String host, int port) throws IOException {
		InetAddress address = host.equals(UPSTREAM) ? InetAddress.getLoopbackAddress() : InetAddress.getByName(host);
		Socket socket = new Socket();
		this.sockets.add(socket);
		socket.connect(new InetSocketAddress(address, port));
		return socket;
	}

	/** Copies both ways until both sides are done. */
	private void pipe(Socket client, Socket upstream) throws IOException {
		this.threads.execute(() -> copy(client, upstream));
		copy(upstream, client);
	}

	private static void copy(Socket from, Socket to) {
		try {
			from.getInputStream().transferTo(to.getOutputStream());
			to.shutdownOutput();
		}
		catch (IOException ex) {
			// One side closed: the other ends with it.
		}
	}

	private static String readHead(InputStream in) throws IOException {
		ByteArrayOutputStream head = new ByteArrayOutputStream();
		while (true) {
			int b = in.read();
			if (b < 0) {
				throw new IOException("closed before the request head ended");
			}
			head.write(b);
			byte[] bytes = head.toByteArray();
			int n = bytes.length;
			if (n >= 4 && bytes[n - 4] == '\r' && bytes[n - 3] == '\n' && bytes[n - 2] == '\r' && bytes[n - 1] == '\n') {
				return head.toString(StandardCharsets.ISO_8859_1);
			}
		}
	}

	private static String header(String head, String name) {
		for (String line : head.split("\r\n")) {
			int colon = line.indexOf(':');
			if (colon > 0 && line.substring(0, colon).trim().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
				return line.substring(colon + 1).trim();
			}
		}
		return null;
	}

	@Override
	public void close() throws IOException {
		this.serverSocket.close();
		for (Socket socket : this.sockets) {
			socket.close();
		}
		this.threads.shutdownNow();
	}

}
