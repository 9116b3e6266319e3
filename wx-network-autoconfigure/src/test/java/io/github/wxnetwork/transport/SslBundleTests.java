package io.github.wxnetwork.transport;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.github.wxnetwork.RequestOptions;
import io.github.wxnetwork.RequestSuccess;
import io.github.wxnetwork.WxErrno;
import io.github.wxnetwork.WxNetworkException;
import io.github.wxnetwork.WxRequestTemplate;
import io.github.wxnetwork.autoconfigure.WxClientsAutoConfiguration;
import io.github.wxnetwork.autoconfigure.WxNetworkAutoConfiguration;
import io.github.wxnetwork.client.EnableWxClients;
import io.github.wxnetwork.client.WxClient;
import io.github.wxnetwork.engine.Transport;
import io.github.wxnetwork.engine.WxHttpEngine;
import io.github.wxnetwork.support.TestPki;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.service.annotation.GetExchange;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Spring Boot SSL bundles as a client's TLS: a payment API that demands the merchant's client certificate
 * (WireMock over HTTPS with client auth required), signed by a private CA. The certificates are made when
 * the test runs.
 */
class SslBundleTests {

	@TempDir
	static Path dir;

	static TestPki pki;

	static WireMockServer server;

	@WxClient(name = "pay", url = "${test.url}")
	interface Pay {

		@GetExchange("/pay")
		String pay();

	}

	@WxClient(name = "refund", url = "${test.url}")
	interface Refund {

		@GetExchange("/pay")
		String pay();

	}

	@Configuration(proxyBeanMethods = false)
	@EnableWxClients(clients = { Pay.class, Refund.class })
	static class Clients {

	}

	@BeforeAll
	static void startServer() throws Exception {
		pki = new TestPki(dir);
		server = new WireMockServer(wireMockConfig().httpDisabled(true)
			.dynamicHttpsPort()
			.keystoreType("PKCS12")
			.keystorePath(pki.keyStore("server", pki.server, pki.ca).toString())
			.keystorePassword(TestPki.PASSWORD)
			.keyManagerPassword(TestPki.PASSWORD)
			.needClientAuth(true)
			.trustStoreType("PKCS12")
			.trustStorePath(pki.trustStore("server-trust", pki.ca).toString())
			.trustStorePassword(TestPki.PASSWORD));
		server.start();
		server.stubFor(get(urlEqualTo("/pay")).willReturn(aResponse().withBody("paid")));
	}

	@AfterAll
	static void stopServer() {
		server.stop();
	}

	@BeforeEach
	void forgetRequests() {
		server.resetRequests();
	}

	/** PEM bundles: "merchant" (client certificate, trusts the CA), "trust-only", "other-ca" (trusts another CA). */
	static ApplicationContextRunner runner() throws Exception {
		String merchant = "spring.ssl.bundle.pem.merchant.";
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, JacksonAutoConfiguration.class,
					WxNetworkAutoConfiguration.class, WxClientsAutoConfiguration.class))
			.withUserConfiguration(Clients.class)
			.withPropertyValues("test.url=https://127.0.0.1:" + server.httpsPort(),
					merchant + "keystore.certificate=" + pki.certificatePem("merchant", pki.client).toUri(),
					merchant + "keystore.private-key=" + pki.privateKeyPem("merchant", pki.client).toUri(),
					merchant + "truststore.certificate=" + pki.certificatePem("ca", pki.ca).toUri(),
					"spring.ssl.bundle.pem.trust-only.truststore.certificate=" + pki.certificatePem("ca", pki.ca).toUri(),
					"spring.ssl.bundle.pem.other-ca.keystore.certificate=" + pki.certificatePem("merchant", pki.client).toUri(),
					"spring.ssl.bundle.pem.other-ca.keystore.private-key=" + pki.privateKeyPem("merchant", pki.client).toUri(),
					"spring.ssl.bundle.pem.other-ca.truststore.certificate="
							+ pki.certificatePem("other-ca", pki.otherCa).toUri());
	}

	@Test
	void aClientPresentsTheMerchantCertificateOfItsPemBundle() throws Exception {
		runner().withPropertyValues("wx.network.clients.pay.ssl.bundle=merchant").run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(Pay.class).pay()).isEqualTo("paid");
			// The other client has no bundle: the JVM's default trust does not know the private CA.
			assertThatExceptionOfType(WxNetworkException.class).isThrownBy(() -> context.getBean(Refund.class).pay())
				.satisfies((ex) -> {
					assertThat(ex.errno()).isEqualTo(WxErrno.NETWORK_ERROR);
					assertThat(ex.errMsg()).startsWith("request:fail server certificate not trusted: ");
				});
		});
	}

	@Test
	void theTemplatesUseWxNetworkSslBundleFromAPkcs12KeyStore() throws Exception {
		String bundle = "spring.ssl.bundle.jks.store.";
		runner().withPropertyValues(bundle + "keystore.location=" + pki.keyStore("client", pki.client, pki.ca).toUri(),
				bundle + "keystore.password=" + TestPki.PASSWORD, bundle + "keystore.type=PKCS12",
				bundle + "truststore.location=" + pki.trustStore("client-trust", pki.ca).toUri(),
				bundle + "truststore.password=" + TestPki.PASSWORD, bundle + "truststore.type=PKCS12",
				"wx.network.ssl.bundle=store")
			.run((context) -> {
				RequestSuccess success = context.getBean(WxRequestTemplate.class)
					.request(RequestOptions.builder("https://127.0.0.1:" + server.httpsPort() + "/pay").build())
					.toCompletableFuture()
					.get(10, TimeUnit.SECONDS);
				assertThat(success.statusCode()).isEqualTo(200);
				assertThat(success.data()).isEqualTo("paid");
				// Clients without a bundle of their own inherit the templates'.
				assertThat(context.getBean(Pay.class).pay()).isEqualTo("paid");
			});
	}

	@Test
	void aServerThatWantsAClientCertificateRefusesAClientWithoutOne() throws Exception {
		runner().withPropertyValues("wx.network.clients.pay.ssl.bundle=trust-only").run((context) ->
			assertThatExceptionOfType(WxNetworkException.class).isThrownBy(() -> context.getBean(Pay.class).pay())
				.satisfies((ex) -> {
					assertThat(ex.errno()).isEqualTo(WxErrno.NETWORK_ERROR);
					// TLS 1.3: the server refuses after the client's handshake ended, so the client sees its
					// connection closed ("closed", "Broken pipe"), not an alert.
					assertThat(ex.errMsg()).startsWith("request:fail ");
					assertThat(server.getAllServeEvents()).isEmpty();
				}));
	}

	@Test
	void aServerCertificateTheBundleDoesNotTrustFailsWithAConnectionErrorThatSaysSo() throws Exception {
		runner().withPropertyValues("wx.network.clients.pay.ssl.bundle=other-ca").run((context) ->
			assertThatExceptionOfType(WxNetworkException.class).isThrownBy(() -> context.getBean(Pay.class).pay())
				.satisfies((ex) -> {
					assertThat(ex.errno()).isEqualTo(WxErrno.NETWORK_ERROR);
					assertThat(ex.errMsg()).startsWith("request:fail server certificate not trusted: ")
						.contains("PKIX");
				}));
	}

	@Test
	void aServerCertificateIssuedForAnotherHostFailsWithAConnectionErrorThatSaysSo() throws Exception {
		// 127.0.0.2 is loopback too, but the server's certificate does not name it.
		runner().withPropertyValues("wx.network.clients.pay.ssl.bundle=merchant",
				"test.url=https://127.0.0.2:" + server.httpsPort())
			.run((context) -> assertThatExceptionOfType(WxNetworkException.class)
				.isThrownBy(() -> context.getBean(Pay.class).pay())
				.satisfies((ex) -> {
					assertThat(ex.errno()).isEqualTo(WxErrno.NETWORK_ERROR);
					assertThat(ex.errMsg()).startsWith("request:fail server certificate not valid for this host: ")
						.contains("127.0.0.2");
				}));
	}

	@Test
	void anUnknownBundleNameFailsStartUpNamingTheProperty() throws Exception {
		runner().withPropertyValues("wx.network.clients.pay.ssl.bundle=merhcant").run((context) ->
			assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("wx.network.clients.pay.ssl.bundle")
				.hasMessageContaining("merhcant")
				.hasMessageContaining("merchant"));
		runner().withPropertyValues("wx.network.ssl.bundle=nope").run((context) ->
			assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("wx.network.ssl.bundle"));
	}

	@Test
	void clientsWithEqualSettingsShareOneTransportOnTheEnginesPoolAndDispatcher() throws Exception {
		runner().withPropertyValues("wx.network.clients.pay.ssl.bundle=merchant",
				"wx.network.clients.refund.ssl.bundle=merchant")
			.run((context) -> {
				Transports transports = context.getBean(Transports.class);
				Transport pay = transports.forClient("pay", "merchant", null, List.of());
				assertThat(transports.forClient("refund", "merchant", null, List.of())).isSameAs(pay);
				assertThat(transports.forClient("refund", "trust-only", null, List.of())).isNotSameAs(pay);
				assertThat(transports.forClient("plain", null, null, List.of())).isNull();
				WxHttpEngine engine = context.getBean(WxHttpEngine.class);
				assertThat(pay.client().connectionPool()).isSameAs(engine.client().connectionPool());
				assertThat(pay.client().dispatcher()).isSameAs(engine.client().dispatcher());
				assertThat(pay.client().sslSocketFactory()).isNotSameAs(engine.client().sslSocketFactory());
				assertThat(context.getBean(Pay.class).pay()).isEqualTo("paid");
				assertThat(context.getBean(Refund.class).pay()).isEqualTo("paid");
			});
	}

	@Test
	void callsStartedAfterABundleReloadUseTheNewTrust() throws Exception {
		Path trust = pki.certificatePem("reloaded-trust", pki.otherCa);
		runner().withPropertyValues("spring.ssl.bundle.watch.file.quiet-period=50ms",
				"spring.ssl.bundle.pem.rotating.reload-on-update=true",
				"spring.ssl.bundle.pem.rotating.keystore.certificate=" + pki.certificatePem("merchant", pki.client).toUri(),
				"spring.ssl.bundle.pem.rotating.keystore.private-key=" + pki.privateKeyPem("merchant", pki.client).toUri(),
				"spring.ssl.bundle.pem.rotating.truststore.certificate=" + trust.toUri(),
				"wx.network.clients.pay.ssl.bundle=rotating")
			.run((context) -> {
				Pay client = context.getBean(Pay.class);
				assertThatExceptionOfType(WxNetworkException.class).isThrownBy(client::pay)
					.withMessageStartingWith("request:fail server certificate not trusted: ");
				// Registered after wx-network's handler, so it runs after the transport was derived again.
				CountDownLatch reloaded = new CountDownLatch(1);
				context.getBean(SslBundles.class).addBundleUpdateHandler("rotating", (bundle) -> reloaded.countDown());
				pki.write("reloaded-trust.crt", pki.ca.certificatePem());
				assertThat(reloaded.await(30, TimeUnit.SECONDS)).isTrue();
				assertThat(client.pay()).isEqualTo("paid");
			});
	}

}
