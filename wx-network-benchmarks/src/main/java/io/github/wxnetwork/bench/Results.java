package io.github.wxnetwork.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The line protocol between worker and suite: a worker prints {@code RESULT\tkey=value\t...} lines on
 * standard output; values may hold spaces but no tabs or newlines.
 */
public final class Results {

	static final String PREFIX = "RESULT";

	private Results() {
	}

	/** Prints one result line: alternating keys and values. */
	public static void emit(Object... keyValues) {
		StringBuilder line = new StringBuilder(PREFIX);
		for (int i = 0; i + 1 < keyValues.length; i += 2) {
			line.append('\t').append(keyValues[i]).append('=').append(clean(String.valueOf(keyValues[i + 1])));
		}
		System.out.println(line);
		System.out.flush();
	}

	/** The fields of a result line, or null when the line is not one. */
	public static Map<String, String> parse(String line) {
		if (!line.startsWith(PREFIX + "\t")) {
			return null;
		}
		Map<String, String> fields = new LinkedHashMap<>();
		for (String part : line.substring(PREFIX.length() + 1).split("\t")) {
			int eq = part.indexOf('=');
			if (eq > 0) {
				fields.put(part.substring(0, eq), part.substring(eq + 1));
			}
		}
		return fields;
	}

	private static String clean(String value) {
		return value.replace('\t', ' ').replace('\n', ' ').replace('\r', ' ');
	}

}
