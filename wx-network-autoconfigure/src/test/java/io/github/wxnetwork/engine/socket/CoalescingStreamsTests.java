package io.github.wxnetwork.engine.socket;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CoalescingStreamsTests {

	private static final int SEGMENT = 8 * 1024;

	@Test
	void okiosSegmentWritesLeaveInLargeCallsAndAllOfThemOnFlush() throws IOException {
		RecordingOutputStream socket = new RecordingOutputStream();
		CoalescingOutputStream out = new CoalescingOutputStream(socket);
		byte[] body = random(50 * SEGMENT + 123);
		for (int offset = 0; offset < body.length; offset += SEGMENT) {
			out.write(body, offset, Math.min(SEGMENT, body.length - offset));
		}
		assertThat(socket.calls).allMatch((size) -> size >= 128 * 1024);
		out.flush();
		assertThat(socket.bytes.toByteArray()).isEqualTo(body);
		assertThat(socket.calls).hasSizeLessThanOrEqualTo(3);
		assertThat(socket.flushes).isEqualTo(1);
	}

	@Test
	void aSmallRequestWaitsForItsFlushAndKeepsTheBufferSmall() throws IOException {
		RecordingOutputStream socket = new RecordingOutputStream();
		CoalescingOutputStream out = new CoalescingOutputStream(socket);
		out.write("GET /json HTTP/1.1\r\n".getBytes());
		out.write('\r');
		out.write('\n');
		assertThat(socket.calls).isEmpty();
		out.flush();
		assertThat(socket.bytes.toString()).isEqualTo("GET /json HTTP/1.1\r\n\r\n");
		assertThat(socket.calls).containsExactly(22);
	}

	@Test
	void aWriteLargerThanTheLargestBufferGoesStraightThroughAfterWhatWaited() throws IOException {
		RecordingOutputStream socket = new RecordingOutputStream();
		CoalescingOutputStream out = new CoalescingOutputStream(socket);
		byte[] head = random(100);
		byte[] huge = random(CoalescingSocketFactory.MAX_BUFFER + 1);
		out.write(head);
		out.write(huge);
		assertThat(socket.calls).containsExactly(100, huge.length);
		assertThat(socket.bytes.toByteArray()).isEqualTo(concat(head, huge));
	}

	@Test
	void aTlsRecordWrittenWithNothingWaitingPassesStraightThrough() throws IOException {
		RecordingOutputStream socket = new RecordingOutputStream();
		CoalescingOutputStream out = new CoalescingOutputStream(socket);
		byte[] record = random(SEGMENT + 29);
		out.write(record);
		out.flush();
		assertThat(socket.calls).containsExactly(record.length);
		assertThat(socket.bytes.toByteArray()).isEqualTo(record);
	}

	@Test
	void closingClosesTheSocketWithoutSendingWhatWasNeverFlushed() throws IOException {
		RecordingOutputStream socket = new RecordingOutputStream();
		CoalescingOutputStream out = new CoalescingOutputStream(socket);
		out.write(random(10));
		out.close();
		assertThat(socket.calls).isEmpty();
		assertThat(socket.closed).isTrue();
	}

	@Test
	void aReadReturnsWhatOneCallOfTheSocketGaveWithoutAskingAgain() throws IOException {
		ChunkedInputStream socket = new ChunkedInputStream(List.of(random(300), random(5)));
		CoalescingInputStream in = new CoalescingInputStream(socket);
		byte[] target = new byte[SEGMENT];
		assertThat(in.read(target, 0, target.length)).isEqualTo(300);
		assertThat(socket.requested).hasSize(1);
		assertThat(in.read(target, 0, 100)).isEqualTo(5);
		assertThat(in.read(target, 0, 100)).isEqualTo(-1);
	}

	@Test
	void theReadBufferGrowsWhileABodyStreamsInUpToTheLargest() throws IOException {
		byte[] body = random(4 * 1024 * 1024);
		ChunkedInputStream socket = new ChunkedInputStream(List.of(body));
		CoalescingInputStream in = new CoalescingInputStream(socket);
		ByteArrayOutputStream received = new ByteArrayOutputStream();
		byte[] segment = new byte[SEGMENT];
		for (int count; (count = in.read(segment, 0, segment.length)) >= 0;) {
			received.write(segment, 0, count);
		}
		assertThat(received.toByteArray()).isEqualTo(body);
		assertThat(socket.requested).startsWith(2 * 1024, 4 * 1024, 8 * 1024, 16 * 1024, 32 * 1024, 64 * 1024, 128 * 1024,
				256 * 1024);
		assertThat(socket.requested).allMatch((size) -> size <= CoalescingSocketFactory.MAX_BUFFER);
		assertThat(socket.requested.size()).isLessThan(30);
	}

	@Test
	void aSmallReadLetsTheGrownBufferGo() throws IOException {
		byte[] body = random(64 * 1024);
		byte[] trickle = random(100);
		byte[] next = random(20_000);
		ChunkedInputStream socket = new ChunkedInputStream(List.of(body, trickle, next));
		CoalescingInputStream in = new CoalescingInputStream(socket);
		ByteArrayOutputStream received = new ByteArrayOutputStream();
		byte[] segment = new byte[SEGMENT];
		for (int count; (count = in.read(segment, 0, segment.length)) >= 0;) {
			received.write(segment, 0, count);
		}
		assertThat(received.toByteArray()).isEqualTo(concat(concat(body, trickle), next));
		// Doubling while each call fills the buffer; the body's last 2 KiB let it go back to 2 KiB.
		assertThat(socket.requested).containsExactly(2 * 1024, 4 * 1024, 8 * 1024, 16 * 1024, 32 * 1024, 64 * 1024,
				2 * 1024, 2 * 1024, 4 * 1024, 8 * 1024, 16 * 1024, 16 * 1024);
	}

	@Test
	void singleBytesAndSkipsOfTheInputStreamContractStillWork() throws IOException {
		ChunkedInputStream socket = new ChunkedInputStream(List.of(new byte[] { 1, (byte) 0xff, 3 }));
		CoalescingInputStream in = new CoalescingInputStream(socket);
		assertThat(in.read()).isEqualTo(1);
		assertThat(in.available()).isEqualTo(2);
		assertThat(in.read()).isEqualTo(0xff);
		assertThat(in.read(new byte[0], 0, 0)).isZero();
		assertThat(in.read()).isEqualTo(3);
		assertThat(in.read()).isEqualTo(-1);
	}

	@Test
	void aSocketFromTheFactoryCarriesFiveMegabytesBothWaysIntact() throws Exception {
		byte[] body = random(5 * 1024 * 1024);
		// Two threads of its own: the common pool may have a single one, and the server and the reader both block.
		ExecutorService threads = Executors.newFixedThreadPool(2);
		try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			CompletableFuture<byte[]> echoed = CompletableFuture.supplyAsync(() -> echoOnce(server, body.length), threads);
			try (Socket socket = CoalescingSocketFactory.INSTANCE.createSocket(InetAddress.getLoopbackAddress(),
					server.getLocalPort())) {
				assertThat(socket.getOutputStream()).isSameAs(socket.getOutputStream());
				assertThat(socket.getInputStream()).isSameAs(socket.getInputStream());
				CompletableFuture<byte[]> read = CompletableFuture.supplyAsync(() -> readFully(socket, body.length),
						threads);
				for (int offset = 0; offset < body.length; offset += SEGMENT) {
					socket.getOutputStream().write(body, offset, Math.min(SEGMENT, body.length - offset));
				}
				socket.getOutputStream().flush();
				assertThat(read.get(30, TimeUnit.SECONDS)).isEqualTo(body);
				assertThat(digest(echoed.get(30, TimeUnit.SECONDS))).isEqualTo(digest(body));
			}
		}
		finally {
			threads.shutdownNow();
		}
	}

	private static byte[] echoOnce(ServerSocket server, int length) {
		try (Socket accepted = server.accept()) {
			byte[] received = readFully(accepted, length);
			accepted.getOutputStream().write(received);
			accepted.getOutputStream().flush();
			return received;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static byte[] readFully(Socket socket, int length) {
		try {
			return socket.getInputStream().readNBytes(length);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static byte[] digest(byte[] bytes) throws Exception {
		return MessageDigest.getInstance("SHA-256").digest(bytes);
	}

	private static byte[] random(int size) {
		byte[] bytes = new byte[size];
		new Random(size).nextBytes(bytes);
		return bytes;
	}

	private static byte[] concat(byte[] first, byte[] second) {
		byte[] both = Arrays.copyOf(first, first.length + second.length);
		System.arraycopy(second, 0, both, first.length, second.length);
		return both;
	}

	/** The socket's stream: records each write call's size, and flushes. */
	private static final class RecordingOutputStream extends OutputStream {

		final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

		final List<Integer> calls = new ArrayList<>();

		int flushes;

		boolean closed;

		@Override
		public void write(int value) {
			write(new byte[] { (byte) value }, 0, 1);
		}

		@Override
		public void write(byte[] source, int offset, int length) {
			this.calls.add(length);
			this.bytes.write(source, offset, length);
		}

		@Override
		public void flush() {
			this.flushes++;
		}

		@Override
		public void close() {
			this.closed = true;
		}

	}

	/** The socket's stream: each call gives at most the rest of one chunk (what has arrived); records how much each call asked for. */
	private static final class ChunkedInputStream extends InputStream {

		final List<Integer> requested = new ArrayList<>();

		private final List<byte[]> chunks;

		private int chunk;

		private int position;

		ChunkedInputStream(List<byte[]> chunks) {
			this.chunks = chunks;
		}

		@Override
		public int read() {
			throw new AssertionError("single-byte reads are not expected");
		}

		@Override
		public int read(byte[] target, int offset, int length) {
			this.requested.add(length);
			if (this.chunk == this.chunks.size()) {
				return -1;
			}
			byte[] current = this.chunks.get(this.chunk);
			int count = Math.min(length, current.length - this.position);
			System.arraycopy(current, this.position, target, offset, count);
			this.position += count;
			if (this.position == current.length) {
				this.chunk++;
				this.position = 0;
			}
			return count;
		}

	}

}
