package io.github.wxnetwork.engine;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * WeChat's query and form encoding: {@code encodeURIComponent(k)=encodeURIComponent(v)&...}. Declarative
 * clients use it for path variables too: it leaves nothing that could end a segment or a query pair.
 */
public final class UriComponents {

	private static final char[] HEX = "0123456789ABCDEF".toCharArray();

	private UriComponents() {
	}

	/**
	 * @param values the pairs, already rendered as text (nested values as JSON)
	 */
	/** Whether a Content-Type is {@code application/x-www-form-urlencoded} (data is then sent as pairs). */
	public static boolean isForm(String contentType) {
		return contentType != null && contentType.toLowerCase(Locale.ROOT).contains("x-www-form-urlencoded");
	}

	public static String encodePairs(Map<String, String> values) {
		StringBuilder out = new StringBuilder();
		values.forEach((name, value) -> appendPair(name, value, out));
		return out.toString();
	}

	/** Appends {@code name=value}, both encoded, after an {@code &} unless it is the first pair. */
	public static void appendPair(String name, String value, StringBuilder out) {
		if (out.length() > 0) {
			out.append('&');
		}
		encode(name, out);
		out.append('=');
		encode(value, out);
	}

	/** JavaScript's encodeURIComponent: everything but {@code A-Z a-z 0-9 - _ . ! ~ * ' ( )} as UTF-8 %XX. */
	public static void encode(String text, StringBuilder out) {
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
