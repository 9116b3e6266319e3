package io.github.wxnetwork.wire;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

import okhttp3.MediaType;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.BufferedSource;
import okio.ForwardingSource;
import okio.Okio;

/**
 * A response body that keeps a copy of its first bytes as the task reads them, and hands them on as text once
 * the body is read to its end or closed: the task still streams (chunk events come as the bytes do), and
 * nothing past the cap is held.
 */
final class TappedResponseBody extends ResponseBody {

	private final ResponseBody body;

	private final int maxBody;

	/** The body's Content-Encoding, or null: OkHttp decodes gzip after the network interceptors. */
	private final String encoding;

	private final Consumer<String> log;

	private final Buffer kept = new Buffer();

	private long total;

	private boolean logged;

	private BufferedSource source;

	TappedResponseBody(ResponseBody body, int maxBody, String encoding, Consumer<String> log) {
		this.body = body;
		this.maxBody = maxBody;
		this.encoding = encoding;
		this.log = log;
	}

	@Override
	public MediaType contentType() {
		return this.body.contentType();
	}

	@Override
	public long contentLength() {
		return this.body.contentLength();
	}

	@Override
	public BufferedSource source() {
		if (this.source == null) {
			this.source = Okio.buffer(new ForwardingSource(this.body.source()) {

				@Override
				public long read(Buffer sink, long byteCount) throws IOException {
					long read = super.read(sink, byteCount);
					if (read == -1) {
						logOnce();
						return -1;
					}
					long room = TappedResponseBody.this.maxBody - TappedResponseBody.this.kept.size();
					if (room > 0) {
						sink.copyTo(TappedResponseBody.this.kept, sink.size() - read, Math.min(read, room));
					}
					TappedResponseBody.this.total += read;
					return read;
				}

				@Override
				public void close() throws IOException {
					logOnce();
					super.close();
				}

			});
		}
		return this.source;
	}

	private void logOnce() {
		if (this.logged) {
			return;
		}
		this.logged = true;
		if (this.total == 0) {
			return; // nothing to show: the status line said it all
		}
		StringBuilder text = new StringBuilder();
		MediaType type = contentType();
		Charset charset = (type != null) ? type.charset(StandardCharsets.UTF_8) : StandardCharsets.UTF_8;
		if (this.encoding == null || this.encoding.equalsIgnoreCase("identity")) {
			Texts.append(this.kept, this.total, this.maxBody, charset, Texts.isForm(type), text);
		}
		else if (this.encoding.equalsIgnoreCase("gzip")) {
			Buffer plain = Texts.gunzip(this.kept, this.maxBody);
			Texts.append(plain, plain.size(), this.maxBody, charset, Texts.isForm(type), text);
			text.append("\n(").append(this.total).append(" bytes gzip-encoded)");
		}
		else {
			text.append("\n(").append(this.total).append(" bytes ").append(this.encoding)
				.append("-encoded, not shown)");
		}
		this.log.accept(text.toString());
	}

}
