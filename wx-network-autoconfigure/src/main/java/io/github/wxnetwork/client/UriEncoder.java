package io.github.wxnetwork.client;

import java.nio.charset.StandardCharsets;

/**
 * JavaScript's {@code encodeURIComponent}, the encoding WeChat uses for query pairs. Used for path
 * variables too: it leaves nothing that could end a segment or a query pair, whichever the variable
 * sits in.
 */
final class UriEncoder {

	private static final char[] HEX = "0123456789ABCDEF".toCharArray();

	private UriEncoder() {
	}

	static void encode(String text, StringBuilder out) {
		if (isPlain(text)) {
			out.append(text);
			return;
		}
		for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
			char c = (char) (b & 0xFF);
			if (isUnreserved(c)) {
				out.append(c);
			}
			else {
				out.append('%').append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
			}
		}
	}

	/** The common case of an id or a word: appended as it is, without encoding to bytes. */
	private static boolean isPlain(String text) {
		for (int i = 0; i < text.length(); i++) {
			if (!isUnreserved(text.charAt(i))) {
				return false;
			}
		}
		return true;
	}

	private static boolean isUnreserved(char c) {
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_'
				|| c == '.' || c == '!' || c == '~' || c == '*' || c == '\'' || c == '(' || c == ')';
	}

}
