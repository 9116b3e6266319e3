package io.github.wxnetwork.engine;

import okhttp3.HttpUrl;

/**
 * A URL safe to show to ops: query values and userinfo replaced by {@code ***}, the fragment dropped.
 * Query names and the path stay, so a task is still recognisable.
 */
public final class MaskedUrl {

	/** What a secret is shown as. */
	public static final String MASK = "***";

	private MaskedUrl() {
	}

	public static String of(String url) {
		return of((url != null) ? HttpUrl.parse(url.trim()) : null);
	}

	/**
	 * Masks a URL however malformed, as text: userinfo and query values become {@code ***}, the fragment goes.
	 * For quoting what a caller passed (an invalid-url errMsg), where {@link #of} could only say "(invalid url)".
	 * Any {@code @} before the query may end userinfo, so everything up to the last one is masked.
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
		int query = text.indexOf('?');
		String beforeQuery = (query >= 0) ? text.substring(0, query) : text;
		int at = beforeQuery.lastIndexOf('@');
		if (at >= 0) {
			int scheme = beforeQuery.indexOf("://");
			int start = (scheme >= 0 && scheme < at) ? scheme + 3 : 0;
			beforeQuery = beforeQuery.substring(0, start) + MASK + beforeQuery.substring(at);
		}
		return (query >= 0) ? beforeQuery + "?" + maskPairs(text.substring(query + 1)) : beforeQuery;
	}

	/** {@code a=1&b&c=2} as {@code a=***&b&c=***}: names kept, values masked (a query, a form body). */
	public static String maskPairs(String pairs) {
		StringBuilder out = new StringBuilder(pairs.length());
		int start = 0;
		while (start <= pairs.length()) {
			int end = pairs.indexOf('&', start);
			String pair = pairs.substring(start, (end >= 0) ? end : pairs.length());
			int equals = pair.indexOf('=');
			out.append((start > 0) ? "&" : "").append((equals >= 0) ? pair.substring(0, equals + 1) + MASK : pair);
			if (end < 0) {
				break;
			}
			start = end + 1;
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
