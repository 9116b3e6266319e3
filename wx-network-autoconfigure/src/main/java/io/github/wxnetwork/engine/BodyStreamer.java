package io.github.wxnetwork.engine;

import java.io.IOException;

import io.github.wxnetwork.WxErrno;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.BufferedSource;

/**
 * The one loop that reads a response body for every kind: chunk by chunk as the bytes arrive, counted,
 * and cut off the moment a size cap is passed (whatever Content-Length claimed). What the counts mean
 * (progress, the actuator's bytes) is the caller's: the streamer writes to nothing but its sink.
 */
final class BodyStreamer {

	/** At most this much is handed over at once; a read returns what the socket has, often less. */
	private static final long CHUNK = 64 * 1024;

	/** Takes each chunk as it arrives; it must consume (or leave to be cleared) the buffer. */
	@FunctionalInterface
	interface ChunkSink {

		void accept(Buffer chunk, long received, long expected) throws IOException;

	}

	private BodyStreamer() {
	}

	/**
	 * @param maxBytes the cap; passing it fails with {@code exceed max file size}
	 * @return the number of body bytes received
	 */
	static long stream(ResponseBody body, long maxBytes, ChunkSink sink) throws IOException {
		long expected = body.contentLength();
		BufferedSource source = body.source();
		Buffer chunk = new Buffer();
		long received = 0;
		long read;
		while ((read = source.read(chunk, CHUNK)) != -1) {
			received += read;
			if (received > maxBytes) {
				throw new WxIoException("body exceeds " + maxBytes + " bytes",
						(kind) -> Failures.fail(kind, "exceed max file size", WxErrno.EXCEED_MAX_FILE_SIZE));
			}
			sink.accept(chunk, received, expected);
			chunk.clear();
		}
		return received;
	}

}
