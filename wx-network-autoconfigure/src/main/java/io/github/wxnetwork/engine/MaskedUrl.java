package io.github.wxnetwork.engine;

import okhttp3.HttpUrl;

/**
 * A URL safe to show to ops: query values and userinfo replaced by {@code ***}, the fragment dropped.
 * Query names and the path stay, so a task is still recognisable.
 */
public final class MaskedUrl {

	private static final String MASK = "***";

	private MaskedUrl() {
	}

	public static String of(String url) {
		return of((url != null) ? HttpUrl.parse(url.trim()) : null);
	}

	/**
	 * Masks a URL however malformed, as text: userinfo and query values become {@code ***}, the fragment goes.
	 * For quoting what a caller passed (an invalid-url errMsg), where {@link #of} could only say "(invalid url)".
	 */
	public static String lenient(String url) {
		HttpUrl parsed = HttpUrl.parse(url.trim());
		if (parsed != null) {
			return of(parsed);
		}
		String text = url;
		int fragment = text.indexOf('#');
		if (fragment >= 0) {
			text = text.substring(0, fragment);
		}
		int authority = text.indexOf("//");
		int at = text.indexOf('@', Math.max(authority, 0));
		int pathStart = text.indexOf('/', (authority >= 0) ? authority + 2 : 0);
		if (authority >= 0 && at > authority && (pathStart < 0 || at < pathStart)) {
			text = text.substring(0, authority + 2) + MASK + text.substring(at);
		}
		int query = text.indexOf('?');
		if (query < 0) {
			return text;
		}
		StringBuilder out = new StringBuilder(text.substring(0, query + 1));
		String[] pairs = text.substring(query + 1).split("&", -1);
		for (int i = 0; i < pairs.length; i++) {
			int equals = pairs[i].indexOf('=');
			out.append((i > 0) ? "&" : "").append((equals >= 0) ? pairs[i].substring(0, equals + 1) + MASK : pairs[i]);
		}
		return out.toString();
	}

	public static String of(HttpUrl parsed) {
		if (parsed == null) {
			return "(invalid url)";
		}
		StringBuilder out = new StringBuilder(parsed.scheme()).append("://");
		if (!parsed.encodedUsername().isEmpty() || !parsed.encodedPassword().isEmpty()) {
			out.append(MASK).append('@');
		}
		String host = parsed.host();
		out.append(host.contains(":") ? "[" + host + "]" : host);
		if (parsed.port() != HttpUrl.defaultPort(parsed.scheme())) {
			out.append(':').append(parsed.port());
		}
		out.append(parsed.encodedPath());
		if (parsed.querySize() > 0) {
			out.append('?');
			for (int i = 0; i < parsed.querySize(); i++) {
				if (i > 0) {
					out.append('&');
				}
				out.append(parsed.queryParameterName(i));
				if (parsed.queryParameterValue(i) != null) {
					out.append('=').append(MASK);
				}
			}
		}
		return out.toString();
	}

}
