package io.github.wxnetwork.wire;

import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.Charset;
import java.util.Locale;

import io.github.wxnetwork.engine.Failures;
import io.github.wxnetwork.engine.MaskedUrl;
import okhttp3.MediaType;
import okio.Buffer;
import okio.GzipSource;
import okio.Sink;
import okio.Timeout;

/** Which bodies are text, and how a text body is shown: capped, form values masked like query values. */
final class Texts {

	private Texts() {
	}

	/** Text, JSON, XML, forms and scripts; never binary, multipart or an unknown type. */
	static boolean isText(MediaType type) {
		if (type == null) {
			return false;
		}
		String subtype = type.subtype().toLowerCase(Locale.ROOT);
		return "text".equalsIgnoreCase(type.type()) || subtype.contains("json") || subtype.contains("xml")
				|| subtype.equals("x-www-form-urlencoded") || subtype.contains("javascript");
	}

	static boolean isForm(MediaType type) {
		return type != null && type.subtype().equalsIgnoreCase("x-www-form-urlencoded");
	}

	/**
	 * Appends a blank line and the first {@code maxBody} bytes of {@code content} as text.
	 * @param total the body's size in all (more than {@code content} holds when only a prefix was kept)
	 */
	static void append(Buffer content, long total, int maxBody, Charset charset, boolean form, StringBuilder out) {
		long shown = Math.min(content.size(), maxBody);
		String text;
		try {
			text = content.readString(shown, charset);
		}
		catch (EOFException ex) {
			throw new IllegalStateException(ex); // cannot happen: no more than the buffer holds is read
		}
		// Escaped: a body must not be able to forge log lines.
		out.append("\n\n").append(Failures.printable(form ? MaskedUrl.maskPairs(text) : text));
		if (total > shown) {
			out.append("\n… (").append(total).append(" bytes, the first ").append(shown).append(" shown)");
		}
	}

	/** What a gzip-encoded prefix decodes to, as far as it goes (a cut stream ends the text, not the log). */
	static Buffer gunzip(Buffer prefix, int maxBody) {
		Buffer plain = new Buffer();
		try (GzipSource gzip = new GzipSource(prefix)) {
			while (plain.size() < maxBody && gzip.read(plain, 8192) != -1) {
				// reading
			}
		}
		catch (IOException ex) {
			// The prefix ends mid-stream (or is no gzip): show what was decoded.
		}
		return plain;
	}

	/** A sink that keeps the first {@code max} bytes written to it and counts the rest without keeping them. */
	static final class CappedSink implements Sink {

		final Buffer kept = new Buffer();

		private final long max;

		long total;

		CappedSink(long max) {
			this.max = max;
		}

		@Override
		public void write(Buffer source, long byteCount) throws IOException {
			long keep = Math.min(byteCount, Math.max(0, this.max - this.kept.size()));
			this.kept.write(source, keep);
			source.skip(byteCount - keep);
			this.total += byteCount;
		}

		@Override
		public void flush() {
		}

		@Override
		public Timeout timeout() {
			return Timeout.NONE;
		}

		@Override
		public void close() {
		}

	}

}
