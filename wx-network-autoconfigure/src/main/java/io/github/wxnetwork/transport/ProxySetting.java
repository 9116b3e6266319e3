package io.github.wxnetwork.transport;

import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import okhttp3.Authenticator;
import okhttp3.Credentials;
import okhttp3.OkHttpClient;
import okhttp3.Request;

/**
 * A proxy as {@code wx.network.proxy} (or a client's) names it: {@code http://[user:password@]host:port},
 * {@code socks5://host:port}, or {@code none} for a direct connection. Its {@link #toString()} masks the
 * password, so it can be logged and compared (equal settings share one transport) without showing it.
 *
 * @param type HTTP, SOCKS or DIRECT ({@code none})
 * @param host the proxy's host; null for {@code none}
 * @param port the proxy's port
 * @param username the user an HTTP proxy's challenge is answered for; null for none
 * @param password that user's password
 */
public record ProxySetting(Proxy.Type type, String host, int port, String username, String password) {

	/** {@code none}: direct connections, whatever an inherited setting said. */
	public static final ProxySetting NONE = new ProxySetting(Proxy.Type.DIRECT, null, 0, null, null);

	/**
	 * Parses a property's value; anything else than the three forms fails start-up naming the property, with
	 * the value's password masked ({@link InvalidProxyException}).
	 * @param property the property's name, for the message
	 * @return the setting, or null when the value is empty (inherit)
	 */
	public static ProxySetting parse(String property, String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		String text = value.trim();
		if (text.equalsIgnoreCase("none")) {
			return NONE;
		}
		URI uri;
		try {
			uri = new URI(text);
		}
		catch (URISyntaxException ex) {
			throw invalid(property, text, "it is not a URL (" + ex.getReason() + ")");
		}
		String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : "";
		Proxy.Type type = switch (scheme) {
			case "http" -> Proxy.Type.HTTP;
			case "socks5" -> Proxy.Type.SOCKS;
			default -> throw invalid(property, text, "use http://[user:password@]host:port, "
					+ "socks5://host:port or none (OkHttp speaks to proxies in plain HTTP or SOCKS5 only)");
		};
		if (uri.getHost() == null || uri.getPort() < 1) {
			throw invalid(property, text, "it needs a host and a port");
		}
		if ((uri.getRawPath() != null && !uri.getRawPath().isEmpty() && !uri.getRawPath().equals("/"))
				|| uri.getRawQuery() != null || uri.getRawFragment() != null) {
			throw invalid(property, text, "a proxy URL has no path, query or fragment");
		}
		String userInfo = uri.getRawUserInfo();
		if (userInfo == null) {
			return new ProxySetting(type, uri.getHost(), uri.getPort(), null, null);
		}
		if (type == Proxy.Type.SOCKS) {
			// Java's SOCKS client takes credentials only from the JVM-wide Authenticator, not per client.
			throw invalid(property, text, "SOCKS5 proxies with credentials are not supported");
		}
		int colon = userInfo.indexOf(':');
		String username = decode((colon >= 0) ? userInfo.substring(0, colon) : userInfo);
		String password = (colon >= 0) ? decode(userInfo.substring(colon + 1)) : "";
		return new ProxySetting(type, uri.getHost(), uri.getPort(), username, password);
	}

	/**
	 * Sets the client's proxy, and what answers its challenges: this setting's credentials, or nothing (an
	 * authenticator inherited from the application's client holds another proxy's credentials).
	 */
	void apply(OkHttpClient.Builder builder) {
		builder.proxy((this.type == Proxy.Type.DIRECT) ? Proxy.NO_PROXY
				: new Proxy(this.type, InetSocketAddress.createUnresolved(this.host, this.port)));
		builder.proxyAuthenticator((this.username != null) ? new BasicProxyAuthenticator(
				Credentials.basic(this.username, this.password, StandardCharsets.UTF_8)) : Authenticator.NONE);
	}

	/** The setting as a URL, its password masked. */
	@Override
	public String toString() {
		if (this.type == Proxy.Type.DIRECT) {
			return "none";
		}
		String user = (this.username != null) ? this.username + ":******@" : "";
		return ((this.type == Proxy.Type.SOCKS) ? "socks5" : "http") + "://" + user + this.host + ":" + this.port;
	}

	private static String decode(String part) {
		return URLDecoder.decode(part.replace("+", "%2B"), StandardCharsets.UTF_8);
	}

	/**
	 * The value with its user info's password masked: whatever stands between the user and the last "@"
	 * (all of it when there is no user), with or without a scheme.
	 */
	static String masked(String value) {
		int at = value.lastIndexOf('@');
		if (at < 0) {
			return value;
		}
		int scheme = value.indexOf("://");
		int start = (scheme >= 0 && scheme < at) ? scheme + 3 : 0;
		int colon = value.indexOf(':', start);
		return (colon >= 0 && colon < at) ? value.substring(0, colon + 1) + "******" + value.substring(at)
				: value.substring(0, start) + "******" + value.substring(at);
	}

	/** The failure, with the value's password masked. */
	private static InvalidProxyException invalid(String property, String value, String reason) {
		return new InvalidProxyException(property, masked(value), reason);
	}

	/**
	 * Answers a proxy's Basic challenge (and OkHttp's pre-emptive one, before a CONNECT) once; a second
	 * challenge means the credentials were refused, and the 407 is the call's result.
	 */
	private record BasicProxyAuthenticator(String credentials) implements Authenticator {

		@Override
		public Request authenticate(okhttp3.Route route, okhttp3.Response response) {
			if (response.request().header("Proxy-Authorization") != null) {
				return null;
			}
			return response.request().newBuilder().header("Proxy-Authorization", this.credentials).build();
		}

		@Override
		public String toString() {
			return "BasicProxyAuthenticator[******]";
		}

	}

}
