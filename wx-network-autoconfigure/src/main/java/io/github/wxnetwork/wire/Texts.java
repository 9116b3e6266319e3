package io.github.wxnetwork.wire;

import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.Charset;
import java.util.Locale;

import okhttp3.MediaType;
import okio.Buffer;
import okio.GzipSource;

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
		out.append("\n\n").append(form ? maskForm(text) : text);
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

	/** {@code a=1&b=2} as {@code a=***&b=***}: a form carries what a query does. */
	static String maskForm(String form) {
		StringBuilder out = new StringBuilder(form.length());
		for (String pair : form.split("&", -1)) {
			if (out.length() > 0) {
				out.append('&');
			}
			int equals = pair.indexOf('=');
			out.append((equals >= 0) ? pair.substring(0, equals + 1) + WireLog.MASK : pair);
		}
		return out.toString();
	}

}
