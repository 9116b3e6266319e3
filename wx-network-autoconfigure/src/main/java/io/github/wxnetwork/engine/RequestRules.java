package io.github.wxnetwork.engine;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import io.github.wxnetwork.RequestOptions;
import io.github.wxnetwork.TaskKind;
import io.github.wxnetwork.WxMethod;
import io.github.wxnetwork.WxNetworkException;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns options into an OkHttp {@link Request} by WeChat's rules, or fails with the contract's
 * errMsg. URL and header checks serve all three kinds; the data rules are {@code wx.request}'s.
 */
public final class RequestRules {

	/** Headers a caller could use to forge framing or the virtual host, and Referer, which WeChat forbids. */
	private static final Set<String> RESTRICTED_HEADERS = Set.of("referer", "host", "content-length", "connection",
			"transfer-encoding");

	private static final String DEFAULT_CONTENT_TYPE = "application/json";

	private static final byte[] EMPTY = new byte[0];

	private final JsonMapper jsonMapper;

	private final HostGuard hostGuard;

	public RequestRules(JsonMapper jsonMapper, HostGuard hostGuard) {
		this.jsonMapper = jsonMapper;
		this.hostGuard = hostGuard;
	}

	public JsonMapper jsonMapper() {
		return this.jsonMapper;
	}

	/**
	 * An absolute http(s) URL (https only when required) whose host is allowed and, with private networks
	 * blocked, not a private IP address (names are judged when they are resolved).
	 */
	public HttpUrl url(TaskKind kind, String url) {
		HttpUrl parsed = (url != null) ? HttpUrl.parse(url.trim()) : null;
		if (parsed == null) {
			throw Failures.invalidUrl(kind, url);
		}
		Function<TaskKind, WxNetworkException> refusal = this.hostGuard.refusal(parsed, url);
		if (refusal != null) {
			throw refusal.apply(kind);
		}
		return parsed;
	}

	/** The caller's headers, refusing Referer, framing headers and anything with CR/LF or outside HTTP's grammar. */
	public Headers headers(TaskKind kind, Map<String, String> headers) {
		Headers.Builder builder = new Headers.Builder();
		for (Map.Entry<String, String> header : headers.entrySet()) {
			String name = header.getKey();
			String value = header.getValue();
			if (name == null || name.isEmpty() || value == null || RESTRICTED_HEADERS.contains(name.toLowerCase(Locale.ROOT))
					|| hasLineBreak(name) || hasLineBreak(value)) {
				throw Failures.invalidHeader(kind, name);
			}
			try {
				builder.add(name, value);
			}
			catch (IllegalArgumentException ex) {
				throw Failures.invalidHeader(kind, name);
			}
		}
		return builder.build();
	}

	/** {@code wx.request}: method, url, headers and data by WeChat's rules; the task completes the builder. */
	public Request.Builder request(RequestOptions options) {
		TaskKind kind = TaskKind.REQUEST;
		WxMethod method = WxMethod.parse(options.method())
			.orElseThrow(() -> Failures.invalid(kind, "invalid method \"" + options.method() + "\""));
		if (method == WxMethod.CONNECT) {
			throw Failures.invalid(kind, "method CONNECT is not supported: it opens a tunnel, not a request");
		}
		HttpUrl url = url(kind, options.url());
		Headers headers = headers(kind, options.headers());
		Object data = options.data();
		Request.Builder request = new Request.Builder();
		if (method == WxMethod.GET || method == WxMethod.HEAD) {
			request.url(withQuery(url, data)).method(method.name(), null);
		}
		else {
			request.url(url).method(method.name(), body(method, headers, data));
		}
		return request.headers(headers);
	}

	/** GET and HEAD: a Map or object becomes query pairs after the URL's own; a String is appended as is. */
	private HttpUrl withQuery(HttpUrl url, Object data) {
		if (data == null) {
			return url;
		}
		String query;
		if (data instanceof CharSequence text) {
			query = text.toString();
		}
		else if (data instanceof byte[] || data instanceof ByteBuffer) {
			throw Failures.invalid(TaskKind.REQUEST, "invalid data: binary data cannot be sent with GET or HEAD");
		}
		else {
			query = UriComponents.encodePairs(pairs(data));
		}
		if (query.isEmpty()) {
			return url;
		}
		String existing = url.encodedQuery();
		return url.newBuilder().encodedQuery((existing == null || existing.isEmpty()) ? query : existing + "&" + query).build();
	}

	private RequestBody body(WxMethod method, Headers headers, Object data) {
		String contentType = headers.get("Content-Type");
		if (contentType == null) {
			contentType = DEFAULT_CONTENT_TYPE;
		}
		byte[] bytes;
		if (data == null) {
			if (method != WxMethod.POST && method != WxMethod.PUT) {
				return null;
			}
			bytes = EMPTY;
		}
		else if (data instanceof byte[] raw) {
			bytes = raw;
		}
		else if (data instanceof ByteBuffer buffer) {
			ByteBuffer view = buffer.duplicate();
			bytes = new byte[view.remaining()];
			view.get(bytes);
		}
		else if (data instanceof CharSequence text) {
			bytes = text.toString().getBytes(StandardCharsets.UTF_8);
		}
		else if (UriComponents.isForm(contentType)) {
			bytes = UriComponents.encodePairs(pairs(data)).getBytes(StandardCharsets.UTF_8);
		}
		else {
			bytes = json(data);
		}
		// The media type is the caller's text exactly: OkHttp would otherwise append a charset.
		return RequestBody.create(bytes, MediaType.parse(contentType));
	}

	/** A Map or any object as key/value text: scalars as their text, nested values as JSON, null as "null". */
	private Map<String, String> pairs(Object data) {
		Map<?, ?> map;
		if (data instanceof Map<?, ?> given) {
			map = given;
		}
		else {
			try {
				map = this.jsonMapper.convertValue(data, Map.class);
			}
			catch (JacksonException | IllegalArgumentException ex) {
				throw invalidData(ex);
			}
		}
		Map<String, String> pairs = new LinkedHashMap<>();
		map.forEach((key, value) -> pairs.put(String.valueOf(key), text(value)));
		return pairs;
	}

	private String text(Object value) {
		if (value instanceof CharSequence || value instanceof Number || value instanceof Boolean
				|| value instanceof Character) {
			return value.toString();
		}
		return new String(json(value), StandardCharsets.UTF_8);
	}

	private byte[] json(Object data) {
		try {
			return this.jsonMapper.writeValueAsBytes(data);
		}
		catch (JacksonException ex) {
			throw invalidData(ex);
		}
	}

	private static WxNetworkException invalidData(RuntimeException ex) {
		String reason = (ex instanceof JacksonException jackson) ? jackson.getOriginalMessage() : ex.getMessage();
		return Failures.invalid(TaskKind.REQUEST, "invalid data: " + reason);
	}

	private static boolean hasLineBreak(String text) {
		return text.indexOf('\r') >= 0 || text.indexOf('\n') >= 0;
	}

}
