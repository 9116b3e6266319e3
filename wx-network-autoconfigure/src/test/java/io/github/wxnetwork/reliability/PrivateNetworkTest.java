package io.github.wxnetwork.reliability;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.github.wxnetwork.TaskKind;
import io.github.wxnetwork.WxErrno;
import io.github.wxnetwork.WxNetworkException;
import io.github.wxnetwork.reliability.Reliability.Outcome;
import io.github.wxnetwork.support.WxTestKit;
import okhttp3.Call;
import okhttp3.Dns;
import okhttp3.EventListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code wx.network.block-private-networks} and the allow-list on redirect hops, end to end: refused
 * before any connection is opened. The only addresses used are this machine's loopback and the
 * unspecified address; the public and cloud ranges are proven on the classification and the Dns alone
 * ({@code engine.PrivateAddressesTests}, {@code engine.HostGuardTests}). OkHttp's own events count the
 * look-ups and connection attempts, and a raw listening socket tells whether anyone connected: a
 * refused hop shows none.
 */
class PrivateNetworkTest {

	private static final byte[] FILE = new byte[16 * 1024];

	@TempDir
	Path dir;

	private WireMockServer wiremock;

	private WxTestKit kit;

	/** "dns host" and "connect address" per attempt, from OkHttp's events of every call. */
	private final List<String> attempts = new CopyOnWriteArrayList<>();

	@BeforeEach
	void startWireMock() {
		new Random(7).nextBytes(FILE);
		this.wiremock = new WireMockServer(wireMockConfig().dynamicPort().gzipDisabled(true));
		this.wiremock.start();
		this.wiremock.stubFor(any(urlPathEqualTo("/target")).willReturn(aResponse().withBody(FILE)));
	}

	@AfterEach
	void stop() {
		if (this.kit != null) {
			this.kit.close();
		}
		this.wiremock.stop();
	}

	private WxTestKit kit(WxTestKit.Builder builder) {
		EventListener counting = new EventListener() {

			@Override
			public void dnsStart(Call call, String domainName) {
				PrivateNetworkTest.this.attempts.add("dns " + domainName);
			}

			@Override
			public void connectStart(Call call, InetSocketAddress address, Proxy proxy) {
				PrivateNetworkTest.this.attempts.add("connect " + address.getAddress().getHostAddress());
			}

		};
		this.kit = builder.tempDir(this.dir.resolve("tmp"))
			.clientCustomizer((client) -> client.eventListener(counting))
			.build();
		return this.kit;
	}

	private Outcome run(TaskKind kind, String url) throws IOException, InterruptedException {
		Outcome outcome = new Outcome();
		Reliability.start(this.kit, kind, url, outcome, this.dir, FILE);
		outcome.awaitComplete();
		return outcome;
	}

	/**
	 * A raw listening socket that tells whether anyone connected to it: the kernel queues connections in
	 * order, so if the first one accepted is the sentinel this test opens afterwards, nobody came before.
	 */
	private static final class ListeningSocket implements AutoCloseable {

		private final ServerSocket server;

		ListeningSocket() throws IOException {
			this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
			this.server.setSoTimeout(10_000);
		}

		int port() {
			return this.server.getLocalPort();
		}

		/** Whether the first connection waiting here is the sentinel opened now. */
		boolean nobodyConnectedBefore() throws IOException {
			try (Socket sentinel = new Socket(InetAddress.getLoopbackAddress(), port());
					Socket first = this.server.accept()) {
				return first.getPort() == sentinel.getLocalPort();
			}
		}

		@Override
		public void close() throws IOException {
			this.server.close();
		}

	}

	private String url(String host) {
		return "http://" + host + ":" + this.wiremock.port() + "/target";
	}

	private void assertRefused(TaskKind kind, Outcome outcome) {
		WxNetworkException failure = outcome.assertFailedOnce();
		assertThat(failure.errMsg()).isEqualTo(kind.api() + ":fail url not in domain list");
		assertThat(failure.errno()).isEqualTo(WxErrno.URL_NOT_IN_DOMAIN_LIST);
		assertThat(this.wiremock.findAll(anyRequestedFor(anyUrl()))).isEmpty();
	}

	@ParameterizedTest(name = "{0}")
	@EnumSource(TaskKind.class)
	void aNameThatResolvesToLoopbackIsRefusedAfterTheLookUpAndBeforeAnyConnection(TaskKind kind) throws Exception {
		kit(WxTestKit.builder().blockPrivateNetworks(true));
		Outcome outcome = run(kind, url("localhost"));
		assertRefused(kind, outcome);
		assertThat(outcome.error.getCause()).hasMessageContaining("host localhost resolves to")
			.hasMessageContaining("(loopback)");
		assertThat(this.attempts).containsExactly("dns localhost");
	}

	@ParameterizedTest(name = "{0} {1}")
	@CsvSource({ "REQUEST, 127.0.0.1", "UPLOAD, 127.0.0.1", "DOWNLOAD, 127.0.0.1", "REQUEST, 127.1.2.3",
			"REQUEST, 0.0.0.0", "DOWNLOAD, 0.0.0.0", "REQUEST, [::1]", "REQUEST, [::ffff:127.0.0.1]", "REQUEST, [::]" })
	void anIpAddressOfAPrivateNetworkIsRefusedWithoutLookUpOrConnection(TaskKind kind, String host) throws Exception {
		kit(WxTestKit.builder().blockPrivateNetworks(true));
		assertRefused(kind, run(kind, url(host)));
		assertThat(this.attempts).isEmpty();
	}

	@ParameterizedTest(name = "{0}")
	@EnumSource(TaskKind.class)
	void noTcpConnectionIsOpenedToARefusedName(TaskKind kind) throws Exception {
		kit(WxTestKit.builder().blockPrivateNetworks(true));
		try (ListeningSocket socket = new ListeningSocket()) {
			run(kind, "http://localhost:" + socket.port() + "/target").assertFailedOnce();
			assertThat(socket.nobodyConnectedBefore()).isTrue();
		}
	}

	@ParameterizedTest(name = "{0}")
	@EnumSource(TaskKind.class)
	void noTcpConnectionIsOpenedToARefusedRedirectHop(TaskKind kind) throws Exception {
		kit(WxTestKit.builder().allowedDomains("localhost"));
		try (ListeningSocket socket = new ListeningSocket()) {
			this.wiremock.stubFor(any(urlPathEqualTo("/start")).willReturn(
					aResponse().withStatus(302).withHeader("Location", "http://127.0.0.1:" + socket.port() + "/x")));
			run(kind, "http://localhost:" + this.wiremock.port() + "/start").assertFailedOnce();
			assertThat(socket.nobodyConnectedBefore()).isTrue();
		}
	}

	@Test
	void behindAProxyTheDnsIsLeftAloneSinceItWouldResolveTheProxyNotTheTarget() {
		Proxy proxy = new Proxy(Proxy.Type.HTTP, InetSocketAddress.createUnresolved("proxy.internal", 3128));
		WxTestKit proxied = WxTestKit.builder().blockPrivateNetworks(true).clientCustomizer((client) -> client.proxy(proxy)).build();
		try (proxied) {
			assertThat(proxied.client().dns()).isSameAs(Dns.SYSTEM);
		}
		kit(WxTestKit.builder().blockPrivateNetworks(true));
		assertThat(this.kit.client().dns()).isNotSameAs(Dns.SYSTEM);
	}

	@ParameterizedTest(name = "{0}")
	@EnumSource(TaskKind.class)
	void withTheSwitchOffLoopbackIsReached(TaskKind kind) throws Exception {
		kit(WxTestKit.builder());
		run(kind, url("localhost")).assertSucceededOnce();
		assertThat(this.attempts).contains("dns localhost");
	}

	@ParameterizedTest(name = "{0}")
	@EnumSource(TaskKind.class)
	void aRedirectToARefusedHostIsNeverConnectedTo(TaskKind kind) throws Exception {
		// The same server under another name: OkHttp would need a new connection for it, and opens none.
		kit(WxTestKit.builder().allowedDomains("localhost"));
		this.wiremock.stubFor(any(urlPathEqualTo("/start"))
			.willReturn(aResponse().withStatus(302).withHeader("Location", url("127.0.0.1"))));
		Outcome outcome = run(kind, "http://localhost:" + this.wiremock.port() + "/start");
		WxNetworkException failure = outcome.assertFailedOnce();
		assertThat(failure.errMsg()).isEqualTo(kind.api() + ":fail url not in domain list");
		assertThat(this.wiremock.findAll(anyRequestedFor(urlPathEqualTo("/target")))).isEmpty();
		assertThat(this.attempts).filteredOn((attempt) -> attempt.startsWith("connect")).hasSize(1);
	}

}
