package io.github.wxnetwork.engine;

import java.net.Inet6Address;
import java.net.InetAddress;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which addresses a task may not reach, decided from the address bytes alone. Each range is shown with
 * its first and last address and the nearest addresses outside it; "allowed" means a public address.
 */
class PrivateAddressesTests {

	@ParameterizedTest(name = "{0} is {1}")
	@CsvSource(delimiter = '|', textBlock = """
			0.0.0.0         | unspecified
			0.255.255.255   | unspecified
			1.0.0.0         | allowed
			126.255.255.255 | allowed
			127.0.0.0       | loopback
			127.0.0.1       | loopback
			127.255.255.255 | loopback
			128.0.0.0       | allowed
			9.255.255.255   | allowed
			10.0.0.0        | private
			10.255.255.255  | private
			11.0.0.0        | allowed
			172.15.255.255  | allowed
			172.16.0.0      | private
			172.31.255.255  | private
			172.32.0.0      | allowed
			192.167.255.255 | allowed
			192.168.0.0     | private
			192.168.255.255 | private
			192.169.0.0     | allowed
			100.63.255.255  | allowed
			100.64.0.0      | shared (carrier-grade NAT)
			100.127.255.255 | shared (carrier-grade NAT)
			100.128.0.0     | allowed
			169.253.255.255 | allowed
			169.254.0.0     | link-local
			169.254.255.255 | link-local
			169.255.0.0     | allowed
			223.255.255.255 | allowed
			224.0.0.0       | multicast
			239.255.255.255 | multicast
			240.0.0.0       | reserved
			255.255.255.254 | reserved
			255.255.255.255 | broadcast
			""")
	void ipv4RangesEndWhereTheirPrefixEnds(String address, String range) throws Exception {
		assertRange(InetAddress.getByName(address), range);
	}

	@ParameterizedTest(name = "{0} is {1}")
	@CsvSource(delimiter = '|', textBlock = """
			::                                      | unspecified
			::1                                     | loopback
			fbff:ffff:ffff:ffff:ffff:ffff:ffff:ffff | allowed
			fc00::                                  | private
			fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff | private
			fe00::                                  | allowed
			fe7f:ffff:ffff:ffff:ffff:ffff:ffff:ffff | allowed
			fe80::                                  | link-local
			febf:ffff:ffff:ffff:ffff:ffff:ffff:ffff | link-local
			# fec0::/10 site-local is deprecated but still private where it is used
			fec0::                                  | private
			feff:ffff:ffff:ffff:ffff:ffff:ffff:ffff | private
			ff00::                                  | multicast
			ff02::1                                 | multicast
			ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff | multicast
			""")
	void ipv6RangesEndWhereTheirPrefixEnds(String address, String range) throws Exception {
		assertRange(InetAddress.getByName(address), range);
	}

	@ParameterizedTest(name = "{0} is {1}")
	@CsvSource(delimiter = '|', textBlock = """
			169.254.169.254 | link-local
			# Alibaba Cloud
			100.100.100.200 | shared (carrier-grade NAT)
			# AWS over IPv6
			fd00:ec2::254   | private
			""")
	void cloudMetadataServicesAreBlocked(String address, String range) throws Exception {
		assertRange(InetAddress.getByName(address), range);
	}

	@ParameterizedTest(name = "{0} is allowed")
	@CsvSource({ "8.8.8.8", "1.1.1.1", "2606:4700:4700::1111", "2001:4860:4860::8888", "64:ff9b::808:808" })
	void publicAddressesAreAllowed(String address) throws Exception {
		assertRange(InetAddress.getByName(address), "allowed");
	}

	@ParameterizedTest(name = "{0} is {1}")
	@CsvSource(delimiter = '|', textBlock = """
			# IPv4-mapped (InetAddress hands these back as Inet4Address)
			::ffff:10.0.0.1                       | private
			::ffff:127.0.0.1                      | loopback
			::ffff:169.254.169.254                | link-local
			::ffff:0.0.0.0                        | unspecified
			::ffff:8.8.8.8                        | allowed
			# IPv4-compatible (deprecated); :: and ::1 are themselves, not 0.0.0.0 and 0.0.0.1
			::10.0.0.1                            | private
			::127.0.0.1                           | loopback
			::169.254.169.254                     | link-local
			::2                                   | unspecified
			::8.8.8.8                             | allowed
			# NAT64 well-known prefix 64:ff9b::/96
			64:ff9b::10.0.0.1                     | private
			64:ff9b::127.0.0.1                    | loopback
			64:ff9b::169.254.169.254              | link-local
			64:ff9b::100.100.100.200              | shared (carrier-grade NAT)
			64:ff9b::1.1.1.1                      | allowed
			64:ff9a:ffff:ffff:ffff:ffff:a00:1     | allowed
			64:ff9b:0:0:0:1:a00:1                 | allowed
			# local-use NAT64 64:ff9b:1::/48: the site's own translator, to anywhere
			64:ff9b:1::808:808                    | private
			64:ff9b:2::808:808                    | allowed
			# IPv4-translated ::ffff:0:a.b.c.d (SIIT)
			::ffff:0:127.0.0.1                    | loopback
			::ffff:0:8.8.8.8                      | allowed
			# 6to4 2002::/16, the IPv4 address right after the prefix
			2002:a00:1::                          | private
			2002:7f00:1::1                        | loopback
			2002:a9fe:a9fe::1                     | link-local
			2002:ac0f:ffff::1                     | allowed
			2002:ac10::1                          | private
			2002:808:808::1                       | allowed
			2001:ffff:ffff:ffff:ffff:ffff:a00:1   | allowed
			2003:a00:1::                          | allowed
			# Teredo 2001:0::/32, the client's IPv4 address inverted in the last 32 bits
			2001:0:4136:e378:8000:63bf:f5ff:fffe  | private
			2001:0:4136:e378:8000:63bf:80ff:fffe  | loopback
			2001:0:4136:e378:8000:63bf:5601:5601  | link-local
			2001:0:4136:e378:8000:63bf:53f0:0     | allowed
			2001:0:4136:e378:8000:63bf:53ef:ffff  | private
			2001:0:4136:e378:8000:63bf:f7f7:f7f7  | allowed
			2001:1:4136:e378:8000:63bf:f5ff:fffe  | allowed
			""")
	void embeddedIpv4AddressIsJudgedByItsIpv4Address(String address, String range) throws Exception {
		assertRange(InetAddress.getByName(address), range);
	}

	@ParameterizedTest(name = "::ffff:{0} as Inet6Address is {1}")
	@CsvSource({ "10.0.0.1, private", "169.254.169.254, link-local", "8.8.8.8, allowed" })
	void ipv4MappedAddressHeldAsInet6AddressIsJudgedByItsIpv4Address(String ipv4, String range) throws Exception {
		byte[] bytes = new byte[16];
		bytes[10] = (byte) 0xff;
		bytes[11] = (byte) 0xff;
		System.arraycopy(InetAddress.getByName(ipv4).getAddress(), 0, bytes, 12, 4);
		// Only this factory keeps the mapped form: InetAddress.getByAddress would return an Inet4Address
		InetAddress address = Inet6Address.getByAddress(null, bytes, -1);
		assertThat(address).isInstanceOf(Inet6Address.class);
		assertRange(address, range);
	}

	private static void assertRange(InetAddress address, String range) {
		String expected = "allowed".equals(range) ? null : range;
		assertThat(PrivateAddresses.blockedRange(address)).as(address.getHostAddress()).isEqualTo(expected);
		assertThat(PrivateAddresses.isBlocked(address)).as(address.getHostAddress()).isEqualTo(expected != null);
	}

}
