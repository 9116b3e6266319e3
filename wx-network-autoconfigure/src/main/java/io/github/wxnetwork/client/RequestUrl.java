package io.github.wxnetwork.client;

import java.net.URI;
import java.util.Map;

import io.github.wxnetwork.engine.UriComponents;

import org.springframework.web.service.invoker.HttpRequestValues;

/**
 * The URL of one call from Spring's request values: the URI template with its variables expanded (the
 * {@code @RequestParam} pairs Spring appended as variables too), joined to the client's base URL the way
 * a RestClient joins it. Values are encoded with {@code encodeURIComponent}, WeChat's encoding; the
 * template's own text is left to the engine's URL parser.
 */
final class RequestUrl {

	private RequestUrl() {
	}

	static String of(String baseUrl, HttpRequestValues values) {
		URI uri = values.getUri();
		if (uri != null) {
			// A URI argument replaces the base URL and the template, as with a RestClient.
			return uri.toString();
		}
		String template = values.getUriTemplate();
		String expanded = (template == null || template.isEmpty()) ? ""
				: expand(template, values.getUriVariables());
		return isAbsolute(expanded) ? expanded : join(baseUrl, expanded);
	}

	static boolean isAbsolute(String url) {
		int colon = url.indexOf("://");
		return colon > 0 && url.regionMatches(true, 0, "http", 0, 4);
	}

	private static String join(String base, String path) {
		if (path.isEmpty()) {
			return base;
		}
		if (base.endsWith("/") && path.startsWith("/")) {
			return base + path.substring(1);
		}
		return base + path;
	}

	/** {@code {name}} and {@code {name:regex}} replaced by the encoded value. */
	private static String expand(String template, Map<String, String> variables) {
		int open = template.indexOf('{');
		if (open < 0) {
			return template;
		}
		StringBuilder url = new StringBuilder(template.length() + 32);
		int from = 0;
		while (open >= 0) {
			int close = template.indexOf('}', open);
			if (close < 0) {
				break;
			}
			url.append(template, from, open);
			int colon = template.indexOf(':', open);
			String name = template.substring(open + 1, (colon > open && colon < close) ? colon : close);
			String value = variables.get(name);
			if (value == null && !variables.containsKey(name)) {
				throw new IllegalArgumentException("Map has no value for '" + name + "'");
			}
			if (value != null) {
				UriComponents.encode(value, url);
			}
			from = close + 1;
			open = template.indexOf('{', from);
		}
		return url.append(template, from, template.length()).toString();
	}

}
