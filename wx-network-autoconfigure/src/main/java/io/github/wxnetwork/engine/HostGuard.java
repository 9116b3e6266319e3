package io.github.wxnetwork.engine;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Pattern;

import io.github.wxnetwork.TaskKind;
import io.github.wxnetwork.WxNetworkException;
import okhttp3.Dns;
import okhttp3.HttpUrl;

/**
 * Where tasks may go: the host allow-list ({@code wx.network.allowed-domains}, like a mini program's
 * request domains), {@code https} only when required, and no private network when
 * {@code wx.network.block-private-networks} is on. Every hop is checked before a connection is opened:
 * first URLs by the templates, redirects by the {@link RedirectFollower}, and the addresses a name
 * resolves to by the {@link #dns(Dns) Dns} OkHttp connects with, so DNS rebinding cannot slip past.
 *
 * <p>Allow-list entries are host names ({@code api.example.com}), optionally {@code *.example.com} for
 * every subdomain; a scheme or port written with them is ignored. Empty allows every host.
 */
public final class HostGuard {

	/** What OkHttp itself takes for an IP address (and then connects to without asking the Dns). */
	private static final Pattern IP_LITERAL = Pattern.compile("[0-9a-fA-F]*:[0-9a-fA-F:.]*|[0-9.]+");

	private static final Pattern DIGITS = Pattern.compile("[0-9]{1,10}");

	private final List<String> allowed;

	private final boolean requireHttps;

	private final boolean blockPrivateNetworks;

	public HostGuard(List<String> allowedDomains, boolean requireHttps) {
		this(allowedDomains, requireHttps, false);
	}

	/**
	 * @param blockPrivateNetworks refuse hosts that are, or resolve to, loopback, private, link-local,
	 * unspecified or multicast addresses
	 */
	public HostGuard(List<String> allowedDomains, boolean requireHttps, boolean blockPrivateNetworks) {
		this.requireHttps = requireHttps;
		this.blockPrivateNetworks = blockPrivateNetworks;
		this.allowed = (allowedDomains != null)
				? allowedDomains.stream().map(HostGuard::normalise).filter((entry) -> !entry.isEmpty()).toList()
				: List.of();
	}

	public boolean blocksPrivateNetworks() {
		return this.blockPrivateNetworks;
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

	/**
	 * Why an IP address written as the host is refused (its range, "loopback" say), or null: names are
	 * judged by the addresses they resolve to, in {@link #dns(Dns)}.
	 */
	String refusedAddress(String host) {
		if (!this.blockPrivateNetworks || !IP_LITERAL.matcher(host).matches()) {
			return null;
		}
		InetAddress address = literal(host);
		// What OkHttp takes for an address but is none ("1.2.3.4.5", "127.0.0.1.") it would hand to the
		// system resolver at connect time, past our Dns: refused, never looked up here either.
		return (address != null) ? PrivateAddresses.blockedRange(address) : "not an IP address";
	}

	/**
	 * The address a host that looks like one stands for, parsed as the JDK parses it (so as OkHttp will
	 * connect): IPv6 as HttpUrl canonicalised it, IPv4 in the forms a.b.c.d, a.b.c, a.b and a (decimal),
	 * or null. Never a look-up.
	 */
	private static InetAddress literal(String host) {
		try {
			if (host.indexOf(':') >= 0) {
				// The JDK parses anything with a colon as IPv6 and fails without a look-up when it is none.
				return InetAddress.getByName(host);
			}
			String[] parts = host.split("\\.", -1);
			if (parts.length > 4) {
				return null;
			}
			long value = 0;
			for (int i = 0; i < parts.length; i++) {
				if (!DIGITS.matcher(parts[i]).matches()) {
					return null;
				}
				long part = Long.parseLong(parts[i]);
				int bits = (i < parts.length - 1) ? 8 : 8 * (4 - i);
				if (part >= (1L << bits)) {
					return null;
				}
				value = (i < parts.length - 1) ? (value << 8) | part : (value << bits) | part;
			}
			return InetAddress.getByAddress(new byte[] { (byte) (value >>> 24), (byte) (value >>> 16),
					(byte) (value >>> 8), (byte) value });
		}
		catch (UnknownHostException ex) {
			return null;
		}
	}

	/**
	 * Why a URL may not be used, as the failure of a task of any kind, or null when it may: plain http when
	 * https is required, a host off the allow-list, a private IP address. The one verdict for first URLs
	 * (the templates) and redirect hops ({@link #check}).
	 * @param given the URL as the caller wrote it, which an invalid-url failure quotes; null for a hop
	 */
	Function<TaskKind, WxNetworkException> refusal(HttpUrl url, String given) {
		if (!allowsScheme(url.scheme())) {
			String shown = (given != null) ? given : url.scheme() + "://" + url.host() + ":" + url.port();
			return (kind) -> Failures.invalidUrl(kind, shown);
		}
		if (!allows(url.host()) || refusedAddress(url.host()) != null) {
			return Failures::domainNotAllowed;
		}
		return null;
	}

	/** Refuses a hop (a redirect's target) the way the templates refuse a first URL, before it is connected to. */
	void check(HttpUrl url) throws WxIoException {
		Function<TaskKind, WxNetworkException> refusal = refusal(url, null);
		if (refusal != null) {
			throw new WxIoException("the request to " + url.host() + " is refused by wx.network's host rules", refusal);
		}
	}

	/**
	 * The addresses OkHttp connects to: {@code delegate}'s, refused whole when any of them is in a private
	 * network (a name that resolves to a public and a private address is a rebinding attempt, not a choice).
	 */
	public Dns dns(Dns delegate) {
		if (!this.blockPrivateNetworks) {
			return delegate;
		}
		return (host) -> {
			List<InetAddress> addresses = delegate.lookup(host);
			for (InetAddress address : addresses) {
				String range = PrivateAddresses.blockedRange(address);
				if (range != null) {
					throw new BlockedAddressException(host, address, range);
				}
			}
			return addresses;
		};
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
