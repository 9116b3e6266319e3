package io.github.wxnetwork.engine;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * A host that resolves to an address of a private network (loopback, private, link-local, ...), refused
 * by {@code wx.network.block-private-networks}. An {@link UnknownHostException} because OkHttp's
 * {@code Dns} may throw nothing else: to OkHttp the host has no address it may use, so it opens no
 * connection. The task fails with {@code url not in domain list}.
 */
final class BlockedAddressException extends UnknownHostException {

	BlockedAddressException(String host, InetAddress address, String range) {
		super("host " + host + " resolves to " + address.getHostAddress() + " (" + range
				+ "), refused by wx.network.block-private-networks");
	}

}
