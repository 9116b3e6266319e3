package io.github.wxnetwork.engine;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import io.github.wxnetwork.ChunkReceived;
import io.github.wxnetwork.HeadersReceived;
import io.github.wxnetwork.RequestOptions;
import io.github.wxnetwork.RequestSuccess;
import io.github.wxnetwork.ResponseType;
import okhttp3.MediaType;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code wx.request} on the wire: the body streamed as chunks, then decoded by dataType and responseType;
 * with {@code enableChunked} the chunks are all there is ({@code data} null).
 */
final class RequestRoundTrip implements RoundTrip<RequestSuccess> {

	private static final char BOM = '\uFEFF';

	private final RequestOptions options;

	private final DefaultRequestTask task;

	private final JsonMapper jsonMapper;

	RequestRoundTrip(RequestOptions options, DefaultRequestTask task, JsonMapper jsonMapper) {
		this.options = options;
		this.task = task;
		this.jsonMapper = jsonMapper;
	}

	@Override
	public RequestSuccess read(Response response, HeadersReceived headers) throws IOException {
		ResponseBody body = response.body();
		Buffer content = new Buffer();
		Listeners<ChunkReceived> chunkListeners = this.task.chunkListeners();
		boolean chunked = this.options.enableChunked();
		if (chunked) {
			this.task.profile().bodyPacedByConsumer();
		}
		BodyStreamer.stream(body, Long.MAX_VALUE, (chunk, received, expected) -> {
			this.task.transferred(received, expected);
			if (chunked) {
				// Nothing kept: the listeners have the bytes (or nobody wants them and the streamer drops
				// them), so an endless stream costs one chunk of memory.
				if (!chunkListeners.isEmpty()) {
					chunkListeners.fire(new ChunkReceived(chunk.readByteArray()));
				}
			}
			else if (chunkListeners.isEmpty()) {
				content.writeAll(chunk);
			}
			else {
				byte[] bytes = chunk.readByteArray();
				content.write(bytes);
				chunkListeners.fire(new ChunkReceived(bytes));
			}
		});
		// An abort raised while the last bytes were handled, say from a chunk listener, finds no
		// read left to fail: it must still win over success, so end the exchange the way a cancelled read would.
		if (this.task.cancelRequested()) {
			throw new IOException("Canceled");
		}
		Object data = chunked ? null : decode(content, body.contentType());
		return new RequestSuccess(data, response.code(), headers.header(), headers.cookies(),
				this.task.profile().snapshot(), this.task.attempts().exception());
	}

	private Object decode(Buffer content, MediaType contentType) {
		if (this.options.responseType() == ResponseType.ARRAYBUFFER) {
			return content.readByteArray();
		}
		Charset charset = (contentType != null) ? contentType.charset(StandardCharsets.UTF_8) : StandardCharsets.UTF_8;
		if (!"json".equals(this.options.dataType())) {
			return content.readString(charset);
		}
		if (!StandardCharsets.UTF_8.equals(charset)) {
			return parseJson(content.readString(charset));
		}
		// Parsed from the bytes (Jackson skips one leading BOM, as WeChat does): no String is built for a
		// body that is JSON, most are. One that is not goes the text way, with exactly the text rules.
		// Jackson would detect UTF-16/32 from such bytes: declared (or defaulted) UTF-8 is read as text instead.
		// The text rules also decide a body Jackson refused (invalid UTF-8 becomes U+FFFD there, as before).
		byte[] bytes = content.readByteArray();
		if (!mayBeUtf16Or32(bytes)) {
			try {
				return this.jsonMapper.readValue(bytes, Object.class);
			}
			catch (JacksonException ex) {
				// Not JSON as bytes: the text rules below.
			}
		}
		return parseJson(new String(bytes, StandardCharsets.UTF_8));
	}

	/** A UTF-16/32 byte-order mark or a zero byte up front; JSON in UTF-8 starts with neither. */
	private static boolean mayBeUtf16Or32(byte[] bytes) {
		if (bytes.length < 2) {
			return false;
		}
		int first = bytes[0] & 0xff;
		return first == 0x00 || first == 0xfe || first == 0xff || bytes[1] == 0;
	}

	/** WeChat's rule: one leading BOM dropped, then parse; text that is not JSON stays text. */
	private Object parseJson(String text) {
		String json = (!text.isEmpty() && text.charAt(0) == BOM) ? text.substring(1) : text;
		if (json.isBlank()) {
			return text;
		}
		try {
			return this.jsonMapper.readValue(json, Object.class);
		}
		catch (JacksonException ex) {
			return text;
		}
	}

}
