package io.github.wxnetwork.client;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import io.github.wxnetwork.WxMethod;

import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.util.LinkedCaseInsensitiveMap;
import org.springframework.web.service.annotation.HttpExchange;

/**
 * A method's {@code @HttpExchange} (or {@code @GetExchange} and the like) read together with its
 * interface's: the HTTP method, the headers every call sends and the full URL. Each is read when the
 * parser asks for it, so that a method with several mistakes is always refused for the same one.
 */
final class HttpExchangeMapping {

	private final ClientMethod method;

	private final HttpExchange exchange;

	private final HttpExchange typeExchange;

	private HttpExchangeMapping(ClientMethod method, HttpExchange exchange) {
		this.method = method;
		this.exchange = exchange;
		this.typeExchange = method.client().typeExchange();
	}

	/** The method's mapping; refused when it has none (a default method never gets here). */
	static HttpExchangeMapping of(ClientMethod method) {
		HttpExchange exchange = AnnotatedElementUtils.findMergedAnnotation(method.method(), HttpExchange.class);
		if (exchange == null) {
			throw method.fail("it has no @GetExchange, @PostExchange, @PutExchange, @DeleteExchange or @HttpExchange, "
					+ "and it is not a default method");
		}
		return new HttpExchangeMapping(method, exchange);
	}

	/**
	 * The method's HTTP method, else the interface's. PATCH and CONNECT are refused: WeChat cannot send
	 * them, and a client that mapped them would promise what a mini program cannot do.
	 */
	WxMethod httpMethod() {
		String name = this.exchange.method();
		if (!ClientContext.hasText(name) && this.typeExchange != null) {
			name = this.typeExchange.method();
		}
		if (!ClientContext.hasText(name)) {
			throw this.method.fail("it names no HTTP method: use @GetExchange, @PostExchange, @PutExchange, "
					+ "@DeleteExchange or @HttpExchange(method = \"...\")");
		}
		if ("PATCH".equalsIgnoreCase(name.trim())) {
			throw this.method
				.fail("WeChat has no PATCH: wx.request sends OPTIONS, GET, HEAD, POST, PUT, DELETE or TRACE");
		}
		String given = name;
		WxMethod wxMethod = WxMethod.parse(given)
			.orElseThrow(() -> this.method.fail("\"" + given + "\" is not a WeChat method: wx.request sends OPTIONS, "
					+ "GET, HEAD, POST, PUT, DELETE or TRACE"));
		if (wxMethod == WxMethod.CONNECT) {
			throw this.method.fail("CONNECT opens a tunnel and cannot be sent as a request");
		}
		return wxMethod;
	}

	/** Refuses {@code @HttpExchange(version)} on the method or the interface: nothing would send it. */
	void refuseVersion() {
		if (ClientContext.hasText(this.exchange.version())
				|| (this.typeExchange != null && ClientContext.hasText(this.typeExchange.version()))) {
			throw this.method.fail("@HttpExchange(version) is not supported: wx-network sends no API version");
		}
	}

	/**
	 * The headers every call sends, later sources winning: the client's {@code default-headers}, then the
	 * interface's {@code @HttpExchange} (headers, contentType, accept), then the method's.
	 */
	Map<String, String> headers() {
		Map<String, String> headers = new LinkedCaseInsensitiveMap<>(Locale.ROOT);
		headers.putAll(this.method.client().defaultHeaders());
		if (this.typeExchange != null) {
			addHeaders(this.typeExchange, headers);
		}
		addHeaders(this.exchange, headers);
		return Collections.unmodifiableMap(new LinkedHashMap<>(headers));
	}

	private void addHeaders(HttpExchange exchange, Map<String, String> headers) {
		for (String header : exchange.headers()) {
			int equals = header.indexOf('=');
			if (equals <= 0) {
				throw this.method.fail("the header \"" + header + "\" is not name=value");
			}
			headers.put(header.substring(0, equals).trim(),
					this.method.resolve(header.substring(equals + 1).trim(), "header"));
		}
		if (ClientContext.hasText(exchange.contentType())) {
			headers.put("Content-Type", this.method.resolve(exchange.contentType(), "contentType"));
		}
		if (exchange.accept().length > 0) {
			headers.put("Accept", this.method.resolve(String.join(", ", exchange.accept()), "accept"));
		}
	}

	/** Whether {@link #headers()} make the parameters a form body rather than a query. */
	static boolean isForm(Map<String, String> headers) {
		String contentType = headers.get("Content-Type");
		return contentType != null && contentType.toLowerCase(Locale.ROOT).contains("x-www-form-urlencoded");
	}

	/**
	 * The full URL: the method's URL when absolute; else the interface's {@code @HttpExchange} URL when
	 * absolute, with the method's appended; else the client's base URL with both appended.
	 */
	String url() {
		String methodUrl = this.method.resolve(this.exchange.url().trim(), "url");
		String typeUrl = (this.typeExchange != null) ? this.method.resolve(this.typeExchange.url().trim(), "url") : "";
		if (isAbsolute(methodUrl)) {
			return methodUrl;
		}
		if (isAbsolute(typeUrl)) {
			return join(typeUrl, methodUrl);
		}
		String base;
		try {
			base = this.method.client().baseUrl();
		}
		catch (IllegalArgumentException ex) {
			throw this.method.fail(ex.getMessage());
		}
		String url = join(join(base, typeUrl), methodUrl);
		if (!isAbsolute(url)) {
			throw this.method.fail("it has no absolute url (\"" + url + "\"): set @WxClient(url) or wx.network.clients."
					+ this.method.client().name() + ".url, or give the mapping an absolute url");
		}
		return url;
	}

	private static boolean isAbsolute(String url) {
		int colon = url.indexOf("://");
		if (colon <= 0) {
			return false;
		}
		for (int i = 0; i < colon; i++) {
			char c = url.charAt(i);
			if (!(Character.isLetterOrDigit(c) || c == '+' || c == '-' || c == '.')) {
				return false;
			}
		}
		return Character.isLetter(url.charAt(0));
	}

	private static String join(String prefix, String path) {
		if (path.isEmpty()) {
			return prefix;
		}
		if (prefix.isEmpty()) {
			return path;
		}
		boolean slashEnd = prefix.endsWith("/");
		boolean slashStart = path.startsWith("/");
		if (slashEnd && slashStart) {
			return prefix + path.substring(1);
		}
		if (!slashEnd && !slashStart && !path.startsWith("?")) {
			return prefix + "/" + path;
		}
		return prefix + path;
	}

}
