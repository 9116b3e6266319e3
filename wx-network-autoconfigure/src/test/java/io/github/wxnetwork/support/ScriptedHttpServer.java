package io.github.wxnetwork.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A real HTTP/1.1 server on a loopback socket that answers each connection with the next step of a
 * script, one request per connection, and can cut a body part-way (what WireMock's faults cannot do at a
 * chosen byte). It counts the body bytes it sends, so a test can prove what a resume cost.
 */
public final class ScriptedHttpServer implements AutoCloseable {

	/** A request as the server read it. */
	public record Received(String requestLine, Map<String, String> headers) {

		public String header(String name) {
			return this.headers.get(name);
		}

	}

	/** One step of the script: answers one request. */
	@FunctionalInterface
	public interface Step {

		void answer(Received request, Exchange exchange) throws IOException;

	}

	/** What a step writes with: the status line and headers, then body bytes (counted). */
	public final class Exchange {

		private final OutputStream out;

		Exchange(OutputStream out) {
			this.out = out;
		}

		public void head(String statusLine, String... headers) throws IOException {
			StringBuilder head = new StringBuilder("HTTP/1.1 ").append(statusLine).append("\r\n");
			for (String header : headers) {
				head.append(header).append("\r\n");
			}
			head.append("Connection: close\r\n\r\n");
			this.out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
		}

		/**
		 * Writes {@code body[from, to)}, counted before they are written: the client may have read them, and
		 * the test asked, before this thread would get back from the write.
		 */
		public void body(byte[] body, int from, int to) throws IOException {
			ScriptedHttpServer.this.bodyBytesSent.addAndGet(to - from);
			this.out.write(body, from, to - from);
			this.out.flush();
		}

	}

	private final ServerSocket socket;

	private final List<Step> script;

	private final List<Received> received = new CopyOnWriteArrayList<>();

	private final AtomicLong bodyBytesSent = new AtomicLong();

	private final Thread acceptor;

	/** The n-th connection gets the n-th step; the last step answers every connection after it. */
	public ScriptedHttpServer(Step... script) throws IOException {
		this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		this.script = List.of(script);
		this.acceptor = new Thread(this::serve, "scripted-http-server");
		this.acceptor.setDaemon(true);
		this.acceptor.start();
	}

	public String url(String path) {
		return "http://127.0.0.1:" + this.socket.getLocalPort() + path;
	}

	public List<Received> received() {
		return this.received;
	}

	/** Body bytes written by every step so far. */
	public long bodyBytesSent() {
		return this.bodyBytesSent.get();
	}

	private void serve() {
		int index = 0;
		while (!this.socket.isClosed()) {
			try (Socket connection = this.socket.accept()) {
				Received request = read(connection);
				this.received.add(request);
				Step step = this.script.get(Math.min(index++, this.script.size() - 1));
				step.answer(request, new Exchange(connection.getOutputStream()));
			}
			catch (IOException ex) {
				// The client went away, or the server is closed: the next connection gets the next step.
			}
		}
	}

	private static Received read(Socket connection) throws IOException {
		BufferedReader reader = new BufferedReader(
				new InputStreamReader(connection.getInputStream(), StandardCharsets.ISO_8859_1));
		String requestLine = reader.readLine();
		Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
		String line;
		while ((line = reader.readLine()) != null && !line.isEmpty()) {
			int colon = line.indexOf(':');
			headers.put(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
		}
		return new Received(requestLine, headers);
	}

	@Override
	public void close() throws IOException {
		this.socket.close();
	}

}
