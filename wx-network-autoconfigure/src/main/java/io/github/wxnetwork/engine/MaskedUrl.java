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
		HttpUrl parsed = (url != null) ? HttpUrl.parse(url.trim()) : null;
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
