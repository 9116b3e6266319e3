package io.github.wxnetwork.engine;

import java.io.IOException;
import java.util.List;
import java.util.Locale;

import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.Response;

/**
 * The host allow-list ({@code wx.network.allowed-domains}), like a mini program's request domains.
 * Entries are host names ({@code api.example.com}), optionally {@code *.example.com} for every
 * subdomain; a scheme or port written with them is ignored. Empty allows every host.
 *
 * <p>With {@code requireHttps}, plain {@code http://} URLs are refused as well.
 *
 * <p>As a network interceptor it sees every hop, so a redirect to a host not on the list (or to plain
 * http when https is required) fails the task before a byte of the request is sent there.
 */
public final class HostGuard implements Interceptor {

	private final List<String> allowed;

	private final boolean requireHttps;

	public HostGuard(List<String> allowedDomains, boolean requireHttps) {
		this.requireHttps = requireHttps;
		this.allowed = (allowedDomains != null)
				? allowedDomains.stream().map(HostGuard::normalise).filter((entry) -> !entry.isEmpty()).toList()
				: List.of();
	}

	public boolean isRestricting() {
		return this.requireHttps || !this.allowed.isEmpty();
	}

	/** Whether the scheme may be used: https always, http unless https is required. */
	public boolean allowsScheme(String scheme) {
		return !this.requireHttps || "https".equals(scheme);
	}

	public boolean allows(String host) {
		if (this.allowed.isEmpty()) {
			return true;
		}
		String candidate = host.toLowerCase(Locale.ROOT);
		for (String entry : this.allowed) {
			if (entry.startsWith("*.") ? candidate.endsWith(entry.substring(1)) : candidate.equals(entry)) {
				return true;
			}
		}
		return false;
	}

	@Override
	public Response intercept(Chain chain) throws IOException {
		HttpUrl url = chain.request().url();
		if (!allowsScheme(url.scheme())) {
			String shown = url.scheme() + "://" + url.host() + ":" + url.port();
			throw new WxIoException("plain http to " + url.host() + " is refused (wx.network.require-https)",
					(kind) -> Failures.invalidUrl(kind, shown));
		}
		String host = url.host();
		if (!allows(host)) {
			throw new WxIoException("host " + host + " is not in wx.network.allowed-domains", Failures::domainNotAllowed);
		}
		return chain.proceed(chain.request());
	}

	private static String normalise(String entry) {
		String host = entry.trim().toLowerCase(Locale.ROOT);
		int scheme = host.indexOf("://");
		if (scheme >= 0) {
			host = host.substring(scheme + 3);
		}
		int end = host.indexOf('/');
		if (end >= 0) {
			host = host.substring(0, end);
		}
		if (host.startsWith("[")) {
			int close = host.indexOf(']');
			host = host.substring(1, (close > 0) ? close : host.length());
		}
		else {
			int port = host.lastIndexOf(':');
			if (port >= 0) {
				host = host.substring(0, port);
			}
		}
		return host;
	}

}
