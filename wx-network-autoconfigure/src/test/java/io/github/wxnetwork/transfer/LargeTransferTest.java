package io.github.wxnetwork.transfer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.CRC32;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.wxnetwork.DownloadOptions;
import io.github.wxnetwork.DownloadSuccess;
import io.github.wxnetwork.RequestOptions;
import io.github.wxnetwork.RequestSuccess;
import io.github.wxnetwork.UploadOptions;
import io.github.wxnetwork.UploadSuccess;
import io.github.wxnetwork.support.WxTestKit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The streaming proof: 200 MiB down and 200 MiB up, and a 1 GiB chunked response read with enableChunked,
 * through wx-network in a JVM whose heap is capped at 64 MiB. Runs in its own surefire execution ({@code streaming-64m}, {@code -Xmx64m}, which sets
 * {@code wx.streaming.fork}); anywhere else it is skipped, since a big heap would prove nothing.
 *
 * <p>The server lives in the same heap, so it streams too: the JDK's {@link HttpServer} generates the
 * download on the fly (with Content-Length) and counts, checksums and discards the upload. Both sides
 * compute a CRC32 of the bytes; the client's file must match the server's stream exactly.
 */
class LargeTransferTest {

	private static final long SIZE = 200L * 1024 * 1024;

	private static final long MiB = 1024 * 1024;

	private static final int BUFFER = 64 * 1024;

	@TempDir
	Path dir;

	private HttpServer server;

	private ExecutorService serverThreads;

	private WxTestKit kit;

	private final CompletableFuture<Long> servedCrc = new CompletableFuture<>();

	private final CompletableFuture<Long> streamedCrc = new CompletableFuture<>();

	/** The endless-stream case: a chunked response (no Content-Length) 16 times the heap. */
	private static final long STREAM = 1024L * 1024 * 1024;

	@BeforeEach
	void start() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.serverThreads = Executors.newFixedThreadPool(2, (runnable) -> {
			Thread thread = new Thread(runnable, "large-transfer-server");
			thread.setDaemon(true);
			return thread;
		});
		this.server.setExecutor(this.serverThreads);
		this.server.createContext("/download", this::serveDownload);
		this.server.createContext("/upload", this::receiveUpload);
		this.server.createContext("/stream", this::serveStream);
		this.server.start();
		this.kit = WxTestKit.builder()
			.tempDir(this.dir.resolve("tmp"))
			.maxFileSize(SIZE)
			.defaultTimeout(Duration.ofMinutes(2))
			.build();
	}

	@AfterEach
	void stop() {
		if (this.kit != null) {
			this.kit.close();
		}
		this.server.stop(0);
		this.serverThreads.shutdownNow();
	}

	@Test
	void downloadsAndUploads200MiBInA64MiBHeap() throws Exception {
		assumeTrue(Boolean.getBoolean("wx.streaming.fork"),
				"runs only in the streaming-64m surefire execution (-Xmx64m): mvn test without -Dtest");
		long maxHeap = Runtime.getRuntime().maxMemory();
		assertThat(maxHeap).as("this fork's heap cap (-Xmx64m)").isLessThanOrEqualTo(64 * MiB);

		HeapSampler sampler = HeapSampler.start();
		Path target = this.dir.resolve("big.bin");

		long downloadStart = System.nanoTime();
		DownloadSuccess downloaded = this.kit.downloadTemplate()
			.downloadFile(DownloadOptions.builder(baseUrl() + "/download").filePath(target).build())
			.toCompletableFuture()
			.get(2, TimeUnit.MINUTES);
		double downloadSeconds = (System.nanoTime() - downloadStart) / 1e9;

		assertThat(downloaded.statusCode()).isEqualTo(200);
		assertThat(downloaded.filePath()).isEqualTo(target);
		assertThat(Files.size(target)).isEqualTo(SIZE);
		long fileCrc = crc(target);
		assertThat(fileCrc).as("CRC32 of the file vs. of the stream the server sent")
			.isEqualTo(this.servedCrc.get(30, TimeUnit.SECONDS));

		long uploadStart = System.nanoTime();
		UploadSuccess uploaded = this.kit.uploadTemplate()
			.uploadFile(UploadOptions.builder(baseUrl() + "/upload", target, "file").build())
			.toCompletableFuture()
			.get(2, TimeUnit.MINUTES);
		double uploadSeconds = (System.nanoTime() - uploadStart) / 1e9;

		assertThat(uploaded.statusCode()).as(uploaded.data()).isEqualTo(200);
		assertThat(uploaded.data()).as("file bytes and CRC32 the server counted")
			.isEqualTo("bytes=" + SIZE + " crc=" + fileCrc);

		HeapSampler.Peak peak = sampler.stop();
		System.out.printf("[streaming-64m] max heap %.1f MiB%n", maxHeap / (double) MiB);
		System.out.printf("[streaming-64m] download: %d bytes in %.2f s = %.1f MiB/s%n", SIZE, downloadSeconds,
				SIZE / (double) MiB / downloadSeconds);
		System.out.printf("[streaming-64m] upload:   %d bytes in %.2f s = %.1f MiB/s%n", SIZE, uploadSeconds,
				SIZE / (double) MiB / uploadSeconds);
		System.out.printf("[streaming-64m] peak used heap: %.1f MiB sampled every 5 ms (sum of heap pools' peaks %.1f MiB); "
				+ "peak live heap after GC: %.1f MiB; %d collections%n", peak.used() / (double) MiB,
				peak.poolPeaks() / (double) MiB, peak.afterGc() / (double) MiB, peak.collections());
		// Completing at all inside -Xmx64m is the proof (buffering either body would throw OutOfMemoryError);
		// what survives collection must also stay far below one body.
		assertThat(peak.used()).isLessThanOrEqualTo(maxHeap);
		assertThat(peak.afterGc()).as("live heap after GC").isLessThan(SIZE / 8);
	}

	@Test
	void enableChunkedStreamsA1GiBResponseThroughA64MiBHeapKeepingNothing() throws Exception {
		assumeTrue(Boolean.getBoolean("wx.streaming.fork"),
				"runs only in the streaming-64m surefire execution (-Xmx64m): mvn test without -Dtest");
		HeapSampler sampler = HeapSampler.start();
		CRC32 crc = new CRC32();
		AtomicLong received = new AtomicLong();
		long start = System.nanoTime();
		RequestSuccess success = this.kit.requestTemplate()
			.request(RequestOptions.builder(baseUrl() + "/stream").enableChunked(true).onChunkReceived((chunk) -> {
				crc.update(chunk.data());
				received.addAndGet(chunk.data().length);
			}).build())
			.toCompletableFuture()
			.get(2, TimeUnit.MINUTES);
		double seconds = (System.nanoTime() - start) / 1e9;
		HeapSampler.Peak peak = sampler.stop();

		assertThat(success.statusCode()).isEqualTo(200);
		assertThat(success.data()).as("enableChunked keeps no data").isNull();
		assertThat(received).hasValue(STREAM);
		assertThat(crc.getValue()).as("CRC32 of the chunks vs. of the stream the server sent")
			.isEqualTo(this.streamedCrc.get(30, TimeUnit.SECONDS));
		System.out.printf("[streaming-64m] enableChunked: %d bytes in %.2f s = %.1f MiB/s; peak used heap %.1f MiB, "
				+ "peak live heap after GC %.1f MiB%n", STREAM, seconds, STREAM / (double) MiB / seconds,
				peak.used() / (double) MiB, peak.afterGc() / (double) MiB);
		assertThat(peak.afterGc()).as("live heap after GC").isLessThan(STREAM / 64);
	}

	private String baseUrl() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	/** 200 MiB of generated bytes, streamed with Content-Length, their CRC32 recorded once sent. */
	private void serveDownload(HttpExchange exchange) throws IOException {
		serveGenerated(exchange, "application/octet-stream", SIZE, SIZE, 20261122L, this.servedCrc);
	}

	/** 1 GiB of generated bytes, chunked (no length announced), their CRC32 recorded once sent. */
	private void serveStream(HttpExchange exchange) throws IOException {
		serveGenerated(exchange, "text/event-stream", STREAM, 0, 20261129L, this.streamedCrc);
	}

	/**
	 * Sends {@code size} generated bytes (a multiple of 8, as the generator fills), announcing {@code announcedLength}
	 * (0: chunked), and completes {@code sentCrc} with their CRC32 once all are sent.
	 */
	private static void serveGenerated(HttpExchange exchange, String contentType, long size, long announcedLength,
			long seed, CompletableFuture<Long> sentCrc) throws IOException {
		try (exchange) {
			exchange.getRequestBody().readAllBytes();
			exchange.getResponseHeaders().set("Content-Type", contentType);
			exchange.sendResponseHeaders(200, announcedLength);
			CRC32 crc = new CRC32();
			byte[] buffer = new byte[BUFFER];
			Generator generator = new Generator(seed);
			try (OutputStream out = exchange.getResponseBody()) {
				for (long left = size; left > 0;) {
					int n = (int) Math.min(buffer.length, left);
					generator.fill(buffer, n);
					crc.update(buffer, 0, n);
					out.write(buffer, 0, n);
					left -= n;
				}
			}
			sentCrc.complete(crc.getValue());
		}
		catch (IOException | RuntimeException ex) {
			sentCrc.completeExceptionally(ex);
			throw ex;
		}
	}

	/**
	 * Reads the multipart body as it arrives: skips the first part's headers, then counts and
	 * checksums the file bytes, holding back only as many bytes as the closing boundary has, and
	 * replies {@code bytes=<n> crc=<crc32>}. Nothing is kept.
	 */
	private void receiveUpload(HttpExchange exchange) throws IOException {
		try (exchange) {
			String type = exchange.getRequestHeaders().getFirst("Content-Type");
			String boundary = type.substring(type.indexOf("boundary=") + "boundary=".length());
			InputStream in = exchange.getRequestBody();
			String reply;
			if (!("--" + boundary).equals(readLine(in))) {
				reply = "no opening boundary";
			}
			else {
				while (!readLine(in).isEmpty()) {
					// the file part's headers
				}
				byte[] trailer = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
				byte[] work = new byte[BUFFER + trailer.length];
				int held = 0;
				long count = 0;
				CRC32 crc = new CRC32();
				int n;
				while ((n = in.read(work, held, BUFFER)) != -1) {
					int total = held + n;
					int settled = total - trailer.length;
					if (settled > 0) {
						crc.update(work, 0, settled);
						count += settled;
						System.arraycopy(work, settled, work, 0, trailer.length);
						held = trailer.length;
					}
					else {
						held = total;
					}
				}
				reply = Arrays.equals(Arrays.copyOf(work, held), trailer) ? "bytes=" + count + " crc=" + crc.getValue()
						: "no closing boundary after " + count + " bytes";
			}
			byte[] body = reply.getBytes(StandardCharsets.US_ASCII);
			exchange.sendResponseHeaders(200, body.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(body);
			}
		}
	}

	private static String readLine(InputStream in) throws IOException {
		ByteArrayOutputStream line = new ByteArrayOutputStream();
		int b;
		while ((b = in.read()) != -1 && b != '\n') {
			line.write(b);
		}
		String text = line.toString(StandardCharsets.UTF_8);
		return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
	}

	private static long crc(Path file) throws IOException {
		CRC32 crc = new CRC32();
		byte[] buffer = new byte[BUFFER];
		try (InputStream in = Files.newInputStream(file)) {
			int n;
			while ((n = in.read(buffer)) != -1) {
				crc.update(buffer, 0, n);
			}
		}
		return crc.getValue();
	}

	/** xorshift64, eight bytes a step: cheap, deterministic, and not periodic at any size that matters here. */
	private static final class Generator {

		private long state;

		Generator(long seed) {
			this.state = seed;
		}

		/** Fills {@code length} bytes (a multiple of 8, as every chunk here is). */
		void fill(byte[] buffer, int length) {
			ByteBuffer out = ByteBuffer.wrap(buffer, 0, length).order(ByteOrder.LITTLE_ENDIAN);
			long x = this.state;
			while (out.remaining() >= 8) {
				x ^= x << 13;
				x ^= x >>> 7;
				x ^= x << 17;
				out.putLong(x);
			}
			this.state = x;
		}

	}

	/**
	 * Samples heap use every 5 ms on a daemon thread: the highest used heap seen, and the highest
	 * heap left after a collection (the live set), from the heap pools' collection usage.
	 */
	private static final class HeapSampler {

		private final ScheduledExecutorService timer;

		private final List<MemoryPoolMXBean> heapPools;

		private final AtomicLong peakUsed = new AtomicLong();

		private final AtomicLong peakAfterGc = new AtomicLong();

		private final long collectionsAtStart;

		private HeapSampler() {
			this.heapPools = ManagementFactory.getMemoryPoolMXBeans()
				.stream()
				.filter((pool) -> pool.getType() == MemoryType.HEAP)
				.toList();
			this.heapPools.forEach(MemoryPoolMXBean::resetPeakUsage);
			this.collectionsAtStart = collections();
			this.timer = Executors.newSingleThreadScheduledExecutor((runnable) -> {
				Thread thread = new Thread(runnable, "heap-sampler");
				thread.setDaemon(true);
				return thread;
			});
			this.timer.scheduleAtFixedRate(this::sample, 0, 5, TimeUnit.MILLISECONDS);
		}

		static HeapSampler start() {
			return new HeapSampler();
		}

		private void sample() {
			this.peakUsed.accumulateAndGet(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max);
			long afterGc = 0;
			for (MemoryPoolMXBean pool : this.heapPools) {
				MemoryUsage usage = pool.getCollectionUsage();
				afterGc += (usage != null) ? usage.getUsed() : 0;
			}
			this.peakAfterGc.accumulateAndGet(afterGc, Math::max);
		}

		private static long collections() {
			return ManagementFactory.getGarbageCollectorMXBeans()
				.stream()
				.mapToLong((gc) -> Math.max(0, gc.getCollectionCount()))
				.sum();
		}

		Peak stop() throws InterruptedException {
			this.timer.shutdown();
			this.timer.awaitTermination(1, TimeUnit.SECONDS);
			sample();
			// Each pool's own peak since the reset; their sum bounds the true peak from above.
			long poolPeaks = this.heapPools.stream().mapToLong((pool) -> pool.getPeakUsage().getUsed()).sum();
			return new Peak(this.peakUsed.get(), poolPeaks, this.peakAfterGc.get(), collections() - this.collectionsAtStart);
		}

		record Peak(long used, long poolPeaks, long afterGc, long collections) {
		}

	}

}
