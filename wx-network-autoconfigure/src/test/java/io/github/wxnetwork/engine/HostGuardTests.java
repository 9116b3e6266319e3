package io.github.wxnetwork.engine;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.wxnetwork.TaskKind;
import io.github.wxnetwork.WxErrno;
import okhttp3.Dns;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The guard's verdicts on names and addresses, with Dns answers made up here: nothing is looked up and
 * nothing is connected to (the addresses are literals).
 */
class HostGuardTests {

	private final HostGuard guard = new HostGuard(List.of(), false, true);

	private static InetAddress address(String literal) throws UnknownHostException {
		return InetAddress.getByName(literal);
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "169.254.169.254", "100.100.100.200", "10.0.0.1", "192.168.1.1", "fd00:ec2::254",
			"::ffff:10.0.0.1", "224.0.0.1" })
	void aNameThatResolvesToAPrivateAddressIsRefusedByTheDns(String literal) throws Exception {
		Dns dns = this.guard.dns((host) -> List.of(address(literal)));
		assertThatExceptionOfType(BlockedAddressException.class).isThrownBy(() -> dns.lookup("metadata.example"))
			.withMessageStartingWith("host metadata.example resolves to ")
			.withMessageContaining("wx.network.block-private-networks");
	}

	@Test
	void aNameWithOnePrivateAddressAmongPublicOnesIsRefusedWhole() throws Exception {
		Dns dns = this.guard.dns((host) -> List.of(address("93.184.216.34"), address("127.0.0.1")));
		assertThatExceptionOfType(BlockedAddressException.class).isThrownBy(() -> dns.lookup("mixed.example"))
			.withMessageContaining("127.0.0.1 (loopback)");
	}

	@Test
	void everyLookUpIsJudgedSoARebindingAnswerIsRefused() throws Exception {
		AtomicInteger lookups = new AtomicInteger();
		Dns dns = this.guard.dns((host) -> List.of(address((lookups.incrementAndGet() == 1) ? "93.184.216.34" : "169.254.169.254")));
		assertThat(dns.lookup("rebind.example")).containsExactly(address("93.184.216.34"));
		assertThatExceptionOfType(BlockedAddressException.class).isThrownBy(() -> dns.lookup("rebind.example"));
	}

	@Test
	void publicAnswersPassUntouched() throws Exception {
		List<InetAddress> answer = List.of(address("93.184.216.34"), address("2606:2800:220:1:248:1893:25c8:1946"));
		assertThat(this.guard.dns((host) -> answer).lookup("example.com")).isSameAs(answer);
	}

	@Test
	void withTheSwitchOffTheApplicationsDnsIsUsedAsItIs() {
		assertThat(new HostGuard(List.of(), false, false).dns(Dns.SYSTEM)).isSameAs(Dns.SYSTEM);
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "http://169.254.169.254/latest/meta-data/", "http://[fd00:ec2::254]/", "http://10.1.2.3:8080/",
			"http://[::ffff:a9fe:a9fe]/", "http://0.0.0.0/" })
	void aRedirectHopToAPrivateIpAddressIsRefusedBeforeItIsSent(String url) {
		assertThatExceptionOfType(WxIoException.class).isThrownBy(() -> this.guard.check(HttpUrl.get(url)))
			.satisfies((ex) -> {
				assertThat(ex.failure(TaskKind.DOWNLOAD).errMsg()).isEqualTo("downloadFile:fail url not in domain list");
				assertThat(ex.failure(TaskKind.DOWNLOAD).errno()).isEqualTo(WxErrno.URL_NOT_IN_DOMAIN_LIST);
			});
	}

	@Test
	void aHopToANameIsLeftToTheDnsAndAPublicAddressPasses() throws Exception {
		this.guard.check(HttpUrl.get("http://example.com/"));
		this.guard.check(HttpUrl.get("http://93.184.216.34/"));
		this.guard.check(HttpUrl.get("http://[2606:4700:4700::1111]/"));
	}

	@ParameterizedTest(name = "\"{0}\" -> {1}")
	@CsvSource(value = { "127.0.0.1, loopback", "127.1, loopback", "2130706433, loopback",
			"10.1, private", "0, unspecified", "0177.0.0.1, PUBLIC", "93.184.216.34, PUBLIC",
			"127.0.0.1., not an IP address", "1.2.3.4.5, not an IP address", "256.0.0.1, not an IP address",
			"1.2.65536, not an IP address", "::1, loopback", "example.com, PUBLIC", "1.example, PUBLIC" })
	void hostsOkHttpTakesForAddressesAreParsedAsItParsesThemWithoutALookUp(String host, String verdict) {
		// "PUBLIC": nothing to refuse here (a name is judged by the Dns).
		assertThat(this.guard.refusedAddress(host)).isEqualTo("PUBLIC".equals(verdict) ? null : verdict);
	}

	@Test
	void theLookUpFailureIsTheUrlNotInDomainList() {
		var failure = Failures.fromIo(TaskKind.REQUEST,
				new BlockedAddressException("h.example", InetAddress.getLoopbackAddress(), "loopback"));
		assertThat(failure.errMsg()).isEqualTo("request:fail url not in domain list");
		assertThat(failure.errno()).isEqualTo(WxErrno.URL_NOT_IN_DOMAIN_LIST);
	}

}
