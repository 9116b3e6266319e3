package io.github.wxnetwork.transport;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.wxnetwork.RequestOptions;
import io.github.wxnetwork.RequestSuccess;
import io.github.wxnetwork.WxErrno;
import io.github.wxnetwork.WxNetworkException;
import io.github.wxnetwork.WxRequestTemplate;
import io.github.wxnetwork.autoconfigure.WxClientsAutoConfiguration;
import io.github.wxnetwork.autoconfigure.WxNetworkAutoConfiguration;
import io.github.wxnetwork.client.EnableWxClients;
import io.github.wxnetwork.client.WxClient;
import io.github.wxnetwork.support.TestPki;
import io.github.wxnetwork.support.TestProxy;
import okhttp3.Credentials;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.service.annotation.GetExchange;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Proxies per client and for the templates, through a real proxy on loopback that alone knows the name
 * {@code upstream.test}: a call that reaches WireMock under that name went through the proxy.
 */
@ExtendWith(OutputCaptureExtension.class)
class ProxyTests {

	private static final String PASSWORD = "p@ss:w0rd";

	private static final String CREDENTIALS = Credentials.basic("shop", PASSWORD, StandardCharsets.UTF_8);

	@TempDir
	static Path dir;

	static TestPki pki;

	static WireMockServer server;

	static TestProxy proxy;

	static TestProxy socks;

	@WxClient(name = "partner", url = "${partner.url}")
	interface Partner {

		@GetExchange("/items")
		String items();

		@GetExchange("/hop")
		String hop();

	}

	@WxClient(name = "direct", url = "http://127.0.0.1:${server.port}")
	interface Direct {

		@GetExchange("/items")
		String items();

	}

	@Configuration(proxyBeanMethods = false)
	@EnableWxClients(clients = { Partner.class, Direct.class })
	static class Clients {

	}

	@BeforeAll
	static void start() throws Exception {
		pki = new TestPki(dir);
		server = new WireMockServer(wireMockConfig().dynamicPort()
			.dynamicHttpsPort()
			.keystoreType("PKCS12")
			.keystorePath(pki.keyStore("server", pki.server, pki.ca).toString())
			.keystorePassword(TestPki.PASSWORD)
			.keyManagerPassword(TestPki.PASSWORD));
		server.start();
		server.stubFor(get(urlEqualTo("/items")).willReturn(aResponse().withBody("items")));
		proxy = TestProxy.http(CREDENTIALS);
		socks = TestProxy.socks5();
	}

	@AfterAll
	static void stop() throws Exception {
		server.stop();
		proxy.close();
		socks.close();
	}

	@BeforeEach
	void forget() {
		server.resetRequests();
		proxy.requests.clear();
		proxy.authorizations.clear();
		socks.requests.clear();
	}

	static ApplicationContextRunner runner() throws Exception {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, JacksonAutoConfiguration.class,
					WxNetworkAutoConfiguration.class, WxClientsAutoConfiguration.class))
			.withUserConfiguration(Clients.class)
			.withPropertyValues("server.port=" + server.port(),
					"partner.url=http://" + TestProxy.UPSTREAM + ":" + server.port(),
					"spring.ssl.bundle.pem.ca.truststore.certificate=" + pki.certificatePem("ca", pki.ca).toUri());
	}

	/** The proxy URL with the test's credentials, the password percent-encoded as a URL's user info must be. */
	static String proxyUrl(String password) {
		return "http://shop:" + password.replace("@", "%40").replace(":", "%3A") + "@127.0.0.1:" + proxy.port();
	}

	@Test
	void aClientGoesThroughItsHttpProxyAnsweringTheProxysChallenge() throws Exception {
		runner().withPropertyValues("wx.network.clients.partner.proxy=" + proxyUrl(PASSWORD)).run((context) -> {
			assertThat(context.getBean(Partner.class).items()).isEqualTo("items");
			String target = "http://" + TestProxy.UPSTREAM + ":" + server.port() + "/items";
			assertThat(proxy.requests).containsExactly("GET " + target, "GET " + target);
			assertThat(proxy.authorizations).containsExactly(null, CREDENTIALS);
			// The other client goes direct, as it has no proxy of its own and the templates have none.
			assertThat(context.getBean(Direct.class).items()).isEqualTo("items");
			assertThat(proxy.requests).hasSize(2);
		});
	}

	@Test
	void httpsGoesThroughAConnectTunnelWithTheCredentialsSentFirst() throws Exception {
		runner().withPropertyValues("wx.network.clients.partner.proxy=" + proxyUrl(PASSWORD),
				"wx.network.clients.partner.ssl.bundle=ca",
				"partner.url=https://" + TestProxy.UPSTREAM + ":" + server.httpsPort())
			.run((context) -> {
				assertThat(context.getBean(Partner.class).items()).isEqualTo("items");
				assertThat(proxy.requests).containsExactly("CONNECT " + TestProxy.UPSTREAM + ":" + server.httpsPort());
				assertThat(proxy.authorizations).containsExactly(CREDENTIALS);
			});
	}

	@Test
	void aSocks5ProxyResolvesTheHostForTheClient() throws Exception {
		runner().withPropertyValues("wx.network.clients.partner.proxy=socks5://127.0.0.1:" + socks.port())
			.run((context) -> {
				assertThat(context.getBean(Partner.class).items()).isEqualTo("items");
				assertThat(socks.requests).containsExactly("SOCKS " + TestProxy.UPSTREAM + ":" + server.port());
			});
	}

	@Test
	void theTemplatesUseWxNetworkProxyAndAClientTurnsItOffWithNone() throws Exception {
		runner().withPropertyValues("wx.network.proxy=" + proxyUrl(PASSWORD), "wx.network.clients.direct.proxy=none")
			.run((context) -> {
				RequestSuccess success = context.getBean(WxRequestTemplate.class)
					.request(RequestOptions.builder("http://" + TestProxy.UPSTREAM + ":" + server.port() + "/items").build())
					.toCompletableFuture()
					.get(10, TimeUnit.SECONDS);
				assertThat(success.data()).isEqualTo("items");
				// A client without a proxy setting inherits the templates' ...
				assertThat(context.getBean(Partner.class).items()).isEqualTo("items");
				assertThat(proxy.requests).hasSize(4);
				// ... and "none" connects directly.
				assertThat(context.getBean(Direct.class).items()).isEqualTo("items");
				assertThat(proxy.requests).hasSize(4);
			});
	}

	@Test
	void refusedCredentialsGiveTheProxysAnswer() throws Exception {
		runner().withPropertyValues("wx.network.proxy=" + proxyUrl("wrong"), "wx.network.ssl.bundle=ca").run((context) -> {
			WxRequestTemplate template = context.getBean(WxRequestTemplate.class);
			// Plain HTTP: the proxy's 407 is the response (any status is a success in WeChat's terms).
			RequestSuccess plain = template
				.request(RequestOptions.builder("http://" + TestProxy.UPSTREAM + ":" + server.port() + "/items").build())
				.toCompletableFuture()
				.get(10, TimeUnit.SECONDS);
			assertThat(plain.statusCode()).isEqualTo(407);
			assertThat(proxy.authorizations).hasSize(2).last().isNotNull().isNotEqualTo(CREDENTIALS);
			// HTTPS: no tunnel, so no response; a connection error.
			assertThatExceptionOfType(WxNetworkException.class)
				.isThrownBy(() -> template
					.request(RequestOptions.builder("https://" + TestProxy.UPSTREAM + ":" + server.httpsPort() + "/items")
						.build())
					.join())
				.satisfies((ex) -> {
					assertThat(ex.errno()).isEqualTo(WxErrno.NETWORK_ERROR);
					assertThat(ex.errMsg()).startsWith("request:fail ").containsIgnoringCase("proxy");
				});
		});
	}

	@Test
	void aMalformedProxyFailsStartUpNamingThePropertyAndHidingThePassword() throws Exception {
		for (String value : Arrays.asList("ftp://shop:" + PASSWORD + "@proxy:21", "http://shop:hunter2@proxy",
				"socks5://shop:hunter2@proxy:1080", "http://proxy:8080/path", "not a url", "shop:hunter2@proxy:3128")) {
			runner().withPropertyValues("wx.network.clients.partner.proxy=" + value).run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.isInstanceOf(InvalidProxyException.class)
					.hasMessageContaining("wx.network.clients.partner.proxy")
					.hasMessageNotContaining("hunter2")
					.hasMessageNotContaining(PASSWORD);
				// What Spring Boot prints at start-up (Boot's own report of a bad property shows its raw value).
				FailureAnalysis analysis = new InvalidProxyFailureAnalyzer().analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("wx.network.clients.partner.proxy")
					.doesNotContain("hunter2")
					.doesNotContain(PASSWORD);
			});
		}
		runner().withPropertyValues("wx.network.proxy=http:///nohost").run((context) ->
			assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("wx.network.proxy"));
	}

	@Test
	void theProxysCredentialsDoNotFollowARedirectIntoATunnel() throws Exception {
		server.stubFor(get(urlEqualTo("/hop")).willReturn(aResponse().withStatus(302)
			.withHeader("Location", "https://" + TestProxy.UPSTREAM + ":" + server.httpsPort() + "/items")));
		runner().withPropertyValues("wx.network.clients.partner.proxy=" + proxyUrl(PASSWORD),
				"wx.network.clients.partner.ssl.bundle=ca")
			.run((context) -> {
				assertThat(context.getBean(Partner.class).hop()).isEqualTo("items");
				assertThat(proxy.requests).contains("CONNECT " + TestProxy.UPSTREAM + ":" + server.httpsPort());
				LoggedRequest hop = server.findAll(getRequestedFor(urlEqualTo("/items"))).get(0);
				assertThat(hop.isBrowserProxyRequest()).isFalse();
				assertThat(hop.containsHeader("Proxy-Authorization")).isFalse();
			});
	}

	@Test
	void theProxyPasswordIsNeverLogged(CapturedOutput output) throws Exception {
		runner().withPropertyValues("wx.network.clients.partner.proxy=" + proxyUrl(PASSWORD),
				"wx.network.block-private-networks=false", "logging.level.io.github.wxnetwork=TRACE")
			.run((context) -> {
				assertThat(context.getBean(Partner.class).items()).isEqualTo("items");
				assertThat(context.getBean(Transports.class)
					.forClient("partner", null, ProxySetting.parse("p", proxyUrl(PASSWORD)), java.util.List.of()))
					.hasToString("transport[ssl bundle null, proxy http://shop:******@127.0.0.1:" + proxy.port()
							+ ", interceptors []]");
			});
		assertThat(output).doesNotContain(PASSWORD).doesNotContain("p%40ss");
	}

	@Test
	void aProxiedClientWarnsThatTheProxyResolvesNamesWhenPrivateNetworksAreBlocked(CapturedOutput output)
			throws Exception {
		runner().withPropertyValues("wx.network.clients.partner.proxy=" + proxyUrl(PASSWORD),
				"wx.network.block-private-networks=true")
			.run((context) -> assertThat(context).hasNotFailed());
		assertThat(output).contains("uses a proxy, which resolves host names")
			.contains("http://shop:******@127.0.0.1:" + proxy.port())
			.doesNotContain(PASSWORD)
			.doesNotContain("p%40ss");
	}

}
