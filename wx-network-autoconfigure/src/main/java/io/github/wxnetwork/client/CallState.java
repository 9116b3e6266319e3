package io.github.wxnetwork.client;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import io.github.wxnetwork.engine.UriComponents;

/**
 * What the arguments of one call contribute beyond the URL's variables. Created per call; each part is
 * allocated only when an argument needs it.
 */
final class CallState {

	StringBuilder query;

	StringBuilder form;

	Map<String, String> headers;

	boolean hasBody;

	Object body;

	Map<String, String> formData;

	Path file;

	Path target;

	void param(String name, String value) {
		this.query = append(this.query, name, value);
	}

	void formParam(String name, String value) {
		this.form = append(this.form, name, value);
	}

	void header(String name, String value) {
		if (this.headers == null) {
			this.headers = new LinkedHashMap<>();
		}
		this.headers.keySet().removeIf(name::equalsIgnoreCase);
		this.headers.put(name, value);
	}

	void formField(String name, String value) {
		if (this.formData == null) {
			this.formData = new LinkedHashMap<>();
		}
		this.formData.put(name, value);
	}

	private static StringBuilder append(StringBuilder pairs, String name, String value) {
		StringBuilder out = (pairs != null) ? pairs.append('&') : new StringBuilder(32);
		UriComponents.encode(name, out);
		out.append('=');
		UriComponents.encode(value, out);
		return out;
	}

}
