package io.github.wxnetwork.client;

import java.net.URI;
import java.util.Map;

import io.github.wxnetwork.engine.UriComponents;

import org.springframework.web.service.invoker.HttpRequestValues;
import org.springframework.web.util.UriBuilderFactory;

/**
 * The URL of one call from Spring's request values: the URI template with its variables expanded (the
 * {@code @RequestParam} pairs Spring appended as variables too), joined to the client's base URL as a
 * RestClient joins it: the template's path after the base's path, the base's query before the
 * template's. Values are encoded with {@code encodeURIComponent}, WeChat's encoding; the template's own
 * text is left to the engine's URL parser. A {@code URI} or {@code UriBuilderFactory} argument takes over,
 * as with a RestClient.
 */
final class RequestUrl {

	private RequestUrl() {
	}

	static String of(String baseUrl, HttpRequestValues values) {
		URI uri = values.getUri();
		if (uri != null) {
			return uri.isAbsolute() ? uri.toString() : URI.create(baseUrl).resolve(uri).toString();
		}
		String template = (values.getUriTemplate() != null) ? values.getUriTemplate() : "";
		UriBuilderFactory factory = values.getUriBuilderFactory();
		if (factory != null) {
			return factory.expand(template, values.getUriVariables()).toString();
		}
		String expanded = expand(template, values.getUriVariables());
		return isAbsolute(expanded) ? expanded : join(baseUrl, expanded);
	}

	/** The interface's and the method's {@code @HttpExchange} URLs, joined as Spring joins them. */
	static String joinMapping(String typeUrl, String methodUrl) {
		return (!typeUrl.isEmpty() && !methodUrl.isEmpty() && !typeUrl.endsWith("/") && !methodUrl.startsWith("/"))
				? typeUrl + "/" + methodUrl : typeUrl + methodUrl;
	}

	/**
	 * A method's URI template as metrics and logs name it: the path of its mapping as written, placeholders
	 * unresolved (a {@code ${secret}} stays a name), without scheme, host, userinfo, query or fragment, so it is
	 * the same for every call of the method; {@code /} when the mapping has no path.
	 */
	static String templateOf(String mapping) {
		String path = mapping;
		int authority = path.indexOf("://");
		if (authority >= 0) {
			int pathStart = path.indexOf('/', authority + 3);
			path = (pathStart >= 0) ? path.substring(pathStart) : "";
		}
		for (char end : new char[] { '?', '#' }) {
			int at = path.indexOf(end);
			if (at >= 0) {
				path = path.substring(0, at);
			}
		}
		return path.isEmpty() ? "/" : path;
	}

	static boolean isAbsolute(String url) {
		return url.indexOf("://") > 0 && url.regionMatches(true, 0, "http", 0, 4);
	}

	private static String join(String base, String template) {
		if (template.isEmpty()) {
			return base;
		}
		int baseQuery = base.indexOf('?');
		if (baseQuery < 0) {
			return (base.endsWith("/") && template.startsWith("/")) ? base + template.substring(1) : base + template;
		}
		int query = template.indexOf('?');
		String path = (query >= 0) ? template.substring(0, query) : template;
		String joined = join(base.substring(0, baseQuery), path) + base.substring(baseQuery);
		return (query >= 0) ? joined + "&" + template.substring(query + 1) : joined;
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
