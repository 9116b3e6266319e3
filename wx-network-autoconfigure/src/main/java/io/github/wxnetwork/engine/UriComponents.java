package io.github.wxnetwork.engine;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/** WeChat's query and form encoding: {@code encodeURIComponent(k)=encodeURIComponent(v)&...}. */
final class UriComponents {

	private static final char[] HEX = "0123456789ABCDEF".toCharArray();

	private UriComponents() {
	}

	/**
	 * @param values the pairs, already rendered as text (nested values as JSON)
	 */
	static String encodePairs(Map<String, String> values) {
		StringBuilder out = new StringBuilder();
		for (Map.Entry<String, String> pair : values.entrySet()) {
			if (out.length() > 0) {
				out.append('&');
			}
			encode(pair.getKey(), out);
			out.append('=');
			encode(pair.getValue(), out);
		}
		return out.toString();
	}

	/** JavaScript's encodeURIComponent: everything but {@code A-Z a-z 0-9 - _ . ! ~ * ' ( )} as UTF-8 %XX. */
	static void encode(String text, StringBuilder out) {
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

	private static boolean isUnreserved(char c) {
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_'
				|| c == '.' || c == '!' || c == '~' || c == '*' || c == '\'' || c == '(' || c == ')';
	}

}
