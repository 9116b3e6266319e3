package io.github.wxnetwork.transport;

import java.net.InetSocketAddress;
import java.net.Proxy;

import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** The three forms of a proxy setting, what each sets on OkHttp, and the password never shown. */
class ProxySettingTests {

	@Test
	void anEmptyValueInheritsAndNoneIsADirectConnection() {
		assertThat(ProxySetting.parse("p", null)).isNull();
		assertThat(ProxySetting.parse("p", " ")).isNull();
		assertThat(ProxySetting.parse("p", "NONE")).isSameAs(ProxySetting.NONE);
		OkHttpClient.Builder builder = new OkHttpClient.Builder();
		ProxySetting.NONE.apply(builder);
		assertThat(builder.build().proxy()).isEqualTo(Proxy.NO_PROXY);
	}

	@Test
	void anHttpProxyWithPercentEncodedCredentialsAnswersTheChallengeOnce() throws Exception {
		ProxySetting setting = ProxySetting.parse("p", "http://shop%40east:p%40ss%3Aw+rd@proxy.internal:3128");
		assertThat(setting).isEqualTo(
				new ProxySetting(Proxy.Type.HTTP, "proxy.internal", 3128, "shop@east", "p@ss:w+rd"));
		assertThat(setting).hasToString("http://shop@east:******@proxy.internal:3128");
		OkHttpClient.Builder builder = new OkHttpClient.Builder();
		setting.apply(builder);
		OkHttpClient client = builder.build();
		assertThat(client.proxy()).isEqualTo(
				new Proxy(Proxy.Type.HTTP, InetSocketAddress.createUnresolved("proxy.internal", 3128)));
		Request request = new Request.Builder().url("http://example.com/").build();
		Response challenge = new Response.Builder().request(request)
			.protocol(okhttp3.Protocol.HTTP_1_1)
			.code(407)
			.message("Proxy Authentication Required")
			.build();
		Request answered = client.proxyAuthenticator().authenticate(null, challenge);
		assertThat(answered.header("Proxy-Authorization"))
			.isEqualTo(okhttp3.Credentials.basic("shop@east", "p@ss:w+rd", java.nio.charset.StandardCharsets.UTF_8));
		// Refused once: the 407 stands, no loop.
		Response again = challenge.newBuilder().request(answered).build();
		assertThat(client.proxyAuthenticator().authenticate(null, again)).isNull();
		assertThat(client.proxyAuthenticator().toString()).doesNotContain("p@ss");
	}

	@Test
	void aSocks5ProxyNeedsNoAuthenticator() {
		ProxySetting setting = ProxySetting.parse("p", "socks5://10.0.0.7:1080");
		assertThat(setting).hasToString("socks5://10.0.0.7:1080");
		OkHttpClient.Builder builder = new OkHttpClient.Builder();
		setting.apply(builder);
		assertThat(builder.build().proxy().type()).isEqualTo(Proxy.Type.SOCKS);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "https://u:secret@proxy:443|use http://",
			"socks5://u:secret@proxy:1080|SOCKS5 proxies with credentials are not supported",
			"http://u:secret@proxy|needs a host and a port", "http://u:secret@proxy:8080/path|no path",
			"http://u:secret@proxy:8080?x=1|no path", "http://u:secret@pro xy:80|not a URL" })
	void aMalformedProxyIsRefusedNamingThePropertyWithThePasswordMasked(String value, String reason) {
		assertThatExceptionOfType(InvalidProxyException.class)
			.isThrownBy(() -> ProxySetting.parse("wx.network.proxy", value))
			.satisfies((ex) -> {
				assertThat(ex.property()).isEqualTo("wx.network.proxy");
				assertThat(ex.maskedValue()).contains("u:******@").doesNotContain("secret");
				assertThat(ex.reason()).contains(reason);
				assertThat(ex.getMessage()).doesNotContain("secret");
			});
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "u:secret@proxy:3128|u:******@proxy:3128",
			"http:/u:secret@proxy:1|http:******@proxy:1", "http://token@proxy:1|http://******@proxy:1",
			"http://u:se@cret@proxy:1|http://u:******@proxy:1" })
	void thePasswordIsMaskedHoweverTheValueIsWritten(String value, String masked) {
		assertThat(ProxySetting.masked(value)).isEqualTo(masked);
	}

	@Test
	void aProxyWithoutCredentialsDropsAnAuthenticatorTheApplicationsClientHad() {
		OkHttpClient.Builder builder = new OkHttpClient.Builder()
			.proxyAuthenticator((route, response) -> response.request());
		ProxySetting.parse("p", "http://other-proxy:3128").apply(builder);
		assertThat(builder.build().proxyAuthenticator()).isSameAs(okhttp3.Authenticator.NONE);
	}

}
