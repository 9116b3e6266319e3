package io.github.wxnetwork.request;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.List;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.github.wxnetwork.Redirect;
import io.github.wxnetwork.RequestOptions;
import io.github.wxnetwork.RequestSuccess;
import io.github.wxnetwork.RequestTask;
import io.github.wxnetwork.WxErrno;
import io.github.wxnetwork.WxNetworkException;
import io.github.wxnetwork.engine.HttpDiskCache;
import io.github.wxnetwork.engine.WxHttpEngine;
import io.github.wxnetwork.support.WxTestKit;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/** WeChat's request switches: redirect, enableChunked, enableCache, enableHttp2 (enableProfile: the profile tests). */
class RequestSwitchesTest extends RequestTestBase {

	@TempDir
	Path dir;

	/** A kit whose engine has a 1 MiB disk cache under the test's directory. */
	private void useKitWithACache() throws IOException {
		useKit(WxTestKit.builder()
			.engineSettings(new WxHttpEngine.Settings(true, HttpDiskCache.open(this.dir.resolve("cache"), 1 << 20))));
	}

	@ParameterizedTest(name = "redirect \"{0}\"")
	@ValueSource(strings = { "manual", "MANUAL", " Manual " })
	void manualRedirectMakesTheRedirectTheResult(String redirect) throws Exception {
		this.server.stubFor(get("/moved").willReturn(aResponse().withStatus(302).withHeader("Location", "/target")));
		RequestSuccess success = await(request(RequestOptions.builder(url("/moved")).redirect(redirect)));
		assertThat(success.statusCode()).isEqualTo(302);
		assertThat(success.header().get("location")).isEqualTo("/target");
		this.server.verify(0, getRequestedFor(urlEqualTo("/target")));
	}

	@Test
	void followIsTheDefaultAndCanBeNamed() throws Exception {
		this.server.stubFor(get("/moved").willReturn(aResponse().withStatus(301).withHeader("Location", "/target")));
		this.server.stubFor(get("/target").willReturn(aResponse().withBody("arrived")));
		assertThat(await(request(RequestOptions.builder(url("/moved")))).data()).isEqualTo("arrived");
		assertThat(await(request(RequestOptions.builder(url("/moved")).redirect(Redirect.FOLLOW))).data())
			.isEqualTo("arrived");
	}

	@ParameterizedTest(name = "redirect {0}")
	@CsvSource(value = { "sideways", "''", "NULL" }, nullValues = "NULL")
	void anUnknownRedirectFailsTheTaskWithoutTouchingTheNetwork(String redirect) throws Exception {
		WxNetworkException failure = awaitFailure(request(RequestOptions.builder(url("/moved")).redirect(redirect)));
		assertThat(failure.errMsg())
			.isEqualTo("request:fail invalid redirect \"" + redirect + "\": it must be \"follow\" or \"manual\"");
		assertThat(failure.errno()).isEqualTo(WxErrno.NONE);
		assertThat(received()).isEmpty();
	}

	@Test
	void enableChunkedHandsEveryByteToTheListenersAndKeepsNoData() throws Exception {
		String body = "line\n".repeat(50_000);
		this.server.stubFor(get("/stream").willReturn(aResponse().withBody(body).withChunkedDribbleDelay(5, 50)));
		ByteArrayOutputStream chunks = new ByteArrayOutputStream();
		List<Integer> sizes = new ArrayList<>();
		RequestSuccess success = await(request(RequestOptions.builder(url("/stream")).enableChunked(true)
			.onChunkReceived((chunk) -> {
				sizes.add(chunk.data().length);
				chunks.writeBytes(chunk.data());
			})));
		assertThat(success.data()).isNull();
		assertThat(success.statusCode()).isEqualTo(200);
		assertThat(chunks.toString(StandardCharsets.UTF_8)).isEqualTo(body);
		assertThat(sizes).hasSizeGreaterThan(1);
	}

	@Test
	void enableChunkedWithoutListenersDropsTheBodyAndStillSucceeds() throws Exception {
		this.server.stubFor(get("/stream").willReturn(aResponse().withBody("x".repeat(100_000))));
		RequestTask task = request(RequestOptions.builder(url("/stream")).enableChunked(true));
		RequestSuccess success = await(task);
		assertThat(success.data()).isNull();
		assertThat(success.profile().receivedBytedCount()).isGreaterThan(100_000);
	}

	@Test
	void enableCacheAnswersARepeatedGetFromTheCache() throws Exception {
		useKitWithACache();
		this.server.stubFor(get("/cached").willReturn(aResponse().withHeader("Cache-Control", "max-age=60").withBody("fresh")));
		RequestSuccess first = await(request(RequestOptions.builder(url("/cached")).enableCache(true)));
		RequestSuccess second = await(request(RequestOptions.builder(url("/cached")).enableCache(true)));
		assertThat(first.data()).isEqualTo("fresh");
		assertThat(second.data()).isEqualTo("fresh");
		this.server.verify(1, getRequestedFor(urlEqualTo("/cached")));
		// Served from disk: no connection was used, so the profile names none.
		assertThat(second.profile().peerIP()).isEmpty();
		assertThat(second.profile().connectStart()).isEqualTo(second.profile().fetchStart());
	}

	@Test
	void withoutEnableCacheEveryGetGoesToTheServerEvenWithACache() throws Exception {
		useKitWithACache();
		this.server.stubFor(get("/cached").willReturn(aResponse().withHeader("Cache-Control", "max-age=60").withBody("fresh")));
		await(request(RequestOptions.builder(url("/cached")).enableCache(true)));
		await(request(RequestOptions.builder(url("/cached"))));
		this.server.verify(2, getRequestedFor(urlEqualTo("/cached")));
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "Authorization", "Cookie" })
	void aRequestWithCredentialsNeverUsesTheSharedCache(String header) throws Exception {
		useKitWithACache();
		this.server.stubFor(get("/mine").willReturn(aResponse().withHeader("Cache-Control", "max-age=60").withBody("yours")));
		await(request(RequestOptions.builder(url("/mine")).enableCache(true).header(header, "user-a")));
		await(request(RequestOptions.builder(url("/mine")).enableCache(true).header(header, "user-b")));
		await(request(RequestOptions.builder(url("/mine")).enableCache(true)));
		await(request(RequestOptions.builder(url("/mine")).enableCache(true)));
		// Both users reached the server, and neither's reply was stored for the anonymous request after them.
		this.server.verify(3, getRequestedFor(urlEqualTo("/mine")));
	}

	@Test
	void aPrivateResponseIsNotStoredByTheSharedCache() throws Exception {
		useKitWithACache();
		this.server.stubFor(get("/private").willReturn(aResponse().withHeader("Cache-Control", "private, max-age=60").withBody("only you")));
		await(request(RequestOptions.builder(url("/private")).enableCache(true)));
		await(request(RequestOptions.builder(url("/private")).enableCache(true)));
		this.server.verify(2, getRequestedFor(urlEqualTo("/private")));
	}

	@Test
	void enableCacheWithoutAConfiguredCacheGoesToTheNetwork() throws Exception {
		this.server.stubFor(get("/cached").willReturn(aResponse().withHeader("Cache-Control", "max-age=60").withBody("fresh")));
		await(request(RequestOptions.builder(url("/cached")).enableCache(true)));
		await(request(RequestOptions.builder(url("/cached")).enableCache(true)));
		this.server.verify(2, getRequestedFor(urlEqualTo("/cached")));
	}

	@Test
	void enableHttp2DecidesWhetherH2IsNegotiatedOverTls() throws Exception {
		HeldCertificate certificate = new HeldCertificate.Builder().addSubjectAlternativeName("localhost").build();
		Path keystore = this.dir.resolve("server.p12");
		KeyStore store = KeyStore.getInstance("PKCS12");
		store.load(null, null);
		store.setKeyEntry("server", certificate.keyPair().getPrivate(), "secret".toCharArray(),
				new Certificate[] { certificate.certificate() });
		try (var out = java.nio.file.Files.newOutputStream(keystore)) {
			store.store(out, "secret".toCharArray());
		}
		WireMockServer https = new WireMockServer(wireMockConfig().httpDisabled(true)
			.dynamicHttpsPort()
			.keystorePath(keystore.toString())
			.keystorePassword("secret")
			.keyManagerPassword("secret")
			.keystoreType("PKCS12"));
		https.start();
		try {
			https.stubFor(get("/h").willReturn(aResponse().withBody("hello")));
			HandshakeCertificates trust = new HandshakeCertificates.Builder()
				.addTrustedCertificate(certificate.certificate())
				.build();
			useKit(WxTestKit.builder()
				.clientCustomizer((client) -> client.sslSocketFactory(trust.sslSocketFactory(), trust.trustManager())));
			String url = "https://localhost:" + https.httpsPort() + "/h";
			assertThat(await(request(RequestOptions.builder(url))).profile().protocol()).isEqualTo("h2");
			assertThat(await(request(RequestOptions.builder(url).enableHttp2(false))).profile().protocol())
				.isEqualTo("http1.1");
			useKit(WxTestKit.builder()
				.engineSettings(new WxHttpEngine.Settings(false, null))
				.clientCustomizer((client) -> client.sslSocketFactory(trust.sslSocketFactory(), trust.trustManager())));
			assertThat(await(request(RequestOptions.builder(url))).profile().protocol())
				.as("wx.network.enable-http2=false").isEqualTo("http1.1");
			assertThat(await(request(RequestOptions.builder(url).enableHttp2(true))).profile().protocol()).isEqualTo("h2");
		}
		finally {
			https.stop();
		}
	}

}
