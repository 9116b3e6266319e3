package io.github.wxnetwork.client;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.wxnetwork.engine.UriComponents;

/**
 * A method's full URL, split at start-up into literal text and {@code {variable}} slots bound to
 * argument positions, so that a call only appends strings.
 */
final class UrlTemplate {

	private final String[] literals;

	private final int[] argumentIndexes;

	private final String[] names;

	private final boolean[] required;

	private final boolean hasQuery;

	private final int sizeHint;

	private UrlTemplate(String[] literals, int[] argumentIndexes, String[] names, boolean[] required) {
		this.literals = literals;
		this.argumentIndexes = argumentIndexes;
		this.names = names;
		this.required = required;
		this.hasQuery = String.join("", literals).indexOf('?') >= 0;
		int size = 16;
		for (String literal : literals) {
			size += literal.length();
		}
		this.sizeHint = size + 16 * argumentIndexes.length;
	}

	/** The names of the {@code {variables}} of {@code url}, in order. */
	static Set<String> variableNames(String url) {
		Set<String> names = new LinkedHashSet<>();
		int from = 0;
		int open;
		while ((open = url.indexOf('{', from)) >= 0) {
			int close = url.indexOf('}', open);
			if (close < 0) {
				throw new IllegalArgumentException("url \"" + url + "\" has a '{' without its '}'");
			}
			String name = url.substring(open + 1, close).trim();
			if (name.isEmpty() || name.indexOf(':') >= 0) {
				throw new IllegalArgumentException("url \"" + url + "\" has the variable {" + name
						+ "}: only plain {name} variables are supported");
			}
			names.add(name);
			from = close + 1;
		}
		return names;
	}

	/**
	 * @param url the full URL, placeholders resolved
	 * @param variables each {@code @PathVariable} name with its argument index and whether it is required;
	 * every variable of the URL must be among them (checked by the caller)
	 */
	static UrlTemplate compile(String url, Map<String, PathVariableSlot> variables) {
		List<String> literals = new ArrayList<>();
		List<PathVariableSlot> slots = new ArrayList<>();
		List<String> names = new ArrayList<>();
		int from = 0;
		int open;
		while ((open = url.indexOf('{', from)) >= 0) {
			int close = url.indexOf('}', open);
			String name = url.substring(open + 1, close).trim();
			literals.add(url.substring(from, open));
			slots.add(variables.get(name));
			names.add(name);
			from = close + 1;
		}
		literals.add(url.substring(from));
		int[] indexes = new int[slots.size()];
		boolean[] required = new boolean[slots.size()];
		for (int i = 0; i < indexes.length; i++) {
			indexes[i] = slots.get(i).argumentIndex();
			required[i] = slots.get(i).required();
		}
		return new UrlTemplate(literals.toArray(new String[0]), indexes, names.toArray(new String[0]), required);
	}

	/**
	 * @param args the call's arguments
	 * @param query encoded {@code k=v&...} pairs to add, or null
	 * @throws IllegalArgumentException when a required variable's argument is null
	 */
	String expand(Object[] args, CharSequence query) {
		if (this.argumentIndexes.length == 0 && query == null) {
			return this.literals[0];
		}
		StringBuilder url = new StringBuilder(this.sizeHint);
		url.append(this.literals[0]);
		for (int i = 0; i < this.argumentIndexes.length; i++) {
			Object value = ArgumentValues.unwrap(args[this.argumentIndexes[i]]);
			if (value == null) {
				if (this.required[i]) {
					throw new IllegalArgumentException("Missing the @PathVariable \"" + this.names[i] + "\": it is null");
				}
			}
			else {
				UriComponents.encode(ArgumentValues.text(value), url);
			}
			url.append(this.literals[i + 1]);
		}
		if (query != null) {
			url.append(this.hasQuery ? '&' : '?').append(query);
		}
		return url.toString();
	}

	/** Where a path variable's value comes from. */
	record PathVariableSlot(int argumentIndex, boolean required) {
	}

}
