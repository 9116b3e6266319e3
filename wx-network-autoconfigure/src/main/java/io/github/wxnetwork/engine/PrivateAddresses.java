package io.github.wxnetwork.engine;

import java.net.InetAddress;
import java.util.Arrays;

/**
 * Which IP addresses a task must not reach: loopback, private, link-local and the other ranges that
 * lead into the host itself or its own network, cloud metadata services included, rather than to the
 * internet.
 *
 * <p>The decision is made from the address bytes alone: no lookup, no connection. An IPv6 address that
 * embeds an IPv4 address (mapped, compatible, NAT64, 6to4, Teredo) is judged by that IPv4 address, as
 * packets sent to it end up there.
 *
 * @see InetAddress#getAddress()
 */
final class PrivateAddresses {

	private static final byte[] NAT64_PREFIX = { 0x00, 0x64, (byte) 0xff, (byte) 0x9b, 0, 0, 0, 0, 0, 0, 0, 0 };

	private PrivateAddresses() {
	}

	/**
	 * Whether the address is in a blocked range.
	 * @param address the address, typically one a host name resolved to
	 * @return {@code true} unless the address is a public unicast address
	 */
	static boolean isBlocked(InetAddress address) {
		return blockedRange(address) != null;
	}

	/**
	 * The name of the range that blocks the address, for messages such as
	 * {@code host evil.example resolves to 169.254.169.254 (link-local)}.
	 * @param address the address, typically one a host name resolved to
	 * @return a short name such as {@code "loopback"}, {@code "private"} or {@code "link-local"}, or
	 * {@code null} if the address is a public unicast address
	 */
	static String blockedRange(InetAddress address) {
		byte[] bytes = address.getAddress();
		return (bytes.length == 4) ? ipv4Range(bytes) : ipv6Range(bytes);
	}

	private static String ipv4Range(byte[] bytes) {
		int first = bytes[0] & 0xff;
		int second = bytes[1] & 0xff;
		if (first == 0) {
			// 0.0.0.0/8 "this network": Linux connects 0.0.0.0 to the local host
			return "unspecified";
		}
		if (first == 127) {
			return "loopback";
		}
		if (first == 10 || (first == 172 && (second & 0xf0) == 16) || (first == 192 && second == 168)) {
			return "private";
		}
		if (first == 100 && (second & 0xc0) == 64) {
			// 100.64.0.0/10: besides carrier-grade NAT, Alibaba Cloud's metadata service is 100.100.100.200
			return "shared (carrier-grade NAT)";
		}
		if (first == 169 && second == 254) {
			// Home of the cloud metadata service 169.254.169.254 (AWS, GCP, Azure, Tencent Cloud)
			return "link-local";
		}
		if ((first & 0xf0) == 224) {
			return "multicast";
		}
		if ((first & 0xf0) == 240) {
			boolean broadcast = first == 255 && second == 255 && (bytes[2] & 0xff) == 255 && (bytes[3] & 0xff) == 255;
			return broadcast ? "broadcast" : "reserved";
		}
		return null;
	}

	private static String ipv6Range(byte[] bytes) {
		// :: and ::1 first: they would otherwise read as IPv4-compatible 0.0.0.0 and 0.0.0.1
		if (isZero(bytes, 0, 15) && (bytes[15] == 0 || bytes[15] == 1)) {
			return (bytes[15] == 0) ? "unspecified" : "loopback";
		}
		byte[] ipv4 = embeddedIpv4(bytes);
		if (ipv4 != null) {
			return ipv4Range(ipv4);
		}
		int first = bytes[0] & 0xff;
		int second = bytes[1] & 0xff;
		if (first == 0x00 && second == 0x64 && (bytes[2] & 0xff) == 0xff && (bytes[3] & 0xff) == 0x9b && bytes[4] == 0
				&& bytes[5] == 1) {
			// 64:ff9b:1::/48 local-use NAT64 (RFC 8215): a translator of the site's own, to any IPv4 address
			return "private";
		}
		if ((first & 0xfe) == 0xfc) {
			// fc00::/7 unique local, the IPv6 private range (AWS metadata is fd00:ec2::254)
			return "private";
		}
		if (first == 0xfe && (second & 0xc0) == 0x80) {
			return "link-local";
		}
		if (first == 0xfe && (second & 0xc0) == 0xc0) {
			// fec0::/10 site-local: deprecated (RFC 3879) but still routed inside some networks
			return "private";
		}
		if (first == 0xff) {
			return "multicast";
		}
		return null;
	}

	/**
	 * The IPv4 address an IPv6 address carries, or {@code null} if it carries none.
	 */
	private static byte[] embeddedIpv4(byte[] bytes) {
		// ::ffff:a.b.c.d IPv4-mapped; InetAddress turns these into Inet4Address, but
		// Inet6Address.getByAddress(String, byte[], int) keeps them as they are
		if (isZero(bytes, 0, 10) && bytes[10] == (byte) 0xff && bytes[11] == (byte) 0xff) {
			return Arrays.copyOfRange(bytes, 12, 16);
		}
		// ::ffff:0:a.b.c.d IPv4-translated (RFC 2765, SIIT)
		if (isZero(bytes, 0, 8) && bytes[8] == (byte) 0xff && bytes[9] == (byte) 0xff && bytes[10] == 0 && bytes[11] == 0) {
			return Arrays.copyOfRange(bytes, 12, 16);
		}
		// ::a.b.c.d IPv4-compatible (deprecated, RFC 4291)
		if (isZero(bytes, 0, 12)) {
			return Arrays.copyOfRange(bytes, 12, 16);
		}
		// 64:ff9b::a.b.c.d NAT64 well-known prefix (RFC 6052): the translator forwards to a.b.c.d
		if (Arrays.equals(bytes, 0, 12, NAT64_PREFIX, 0, 12)) {
			return Arrays.copyOfRange(bytes, 12, 16);
		}
		// 2002:aabb:ccdd::/48 6to4 (RFC 3056): the IPv4 address follows the 16-bit prefix
		if (bytes[0] == 0x20 && bytes[1] == 0x02) {
			return Arrays.copyOfRange(bytes, 2, 6);
		}
		// 2001:0000::/32 Teredo (RFC 4380): bytes 4..7 are the server, the last four the client's IPv4
		// address with every bit inverted (so NATs leave it alone); packets are relayed to the client
		if (bytes[0] == 0x20 && bytes[1] == 0x01 && bytes[2] == 0 && bytes[3] == 0) {
			byte[] client = Arrays.copyOfRange(bytes, 12, 16);
			for (int i = 0; i < client.length; i++) {
				client[i] ^= (byte) 0xff;
			}
			return client;
		}
		return null;
	}

	private static boolean isZero(byte[] bytes, int from, int to) {
		for (int i = from; i < to; i++) {
			if (bytes[i] != 0) {
				return false;
			}
		}
		return true;
	}

}
