package io.github.wxnetwork.sample.relay;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.wxnetwork.sample.relay.UpstreamCatalog.Item;
import io.github.wxnetwork.sample.signing.RequestSignature;
import io.github.wxnetwork.test.WxClientTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.notFound;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The catalog client on its own, against a WireMock upstream: no web server, no relay controller, only
 * wx-network, Jackson, the client and the components it names (its signer and fallback). Its URL names
 * {@code ${local.server.port}}, which a slice never has: the slice points it at the server regardless, keeping
 * the URL's path ({@code /upstream}).
 */
@WxClientTest(UpstreamCatalog.class)
@EnableConfigurationProperties(RequestSignature.class)
class UpstreamCatalogTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	@Autowired
	UpstreamCatalog catalog;

	@Autowired
	WireMockServer upstream;

	@Autowired
	RequestSignature signature;

	@Test
	void anItemIsDecodedAndItsCallSignedByTheClientsInterceptor() throws Exception {
		this.upstream.stubFor(
				get("/upstream/items/7").willReturn(okJson("{\"id\":7,\"name\":\"item-7\",\"tags\":[\"wx\"]}")));

		assertThat(this.catalog.item(7).get(WAIT.toSeconds(), TimeUnit.SECONDS))
			.isEqualTo(new Item(7, "item-7", List.of("wx")));
		LoggedRequest call = this.upstream.findAll(getRequestedFor(urlEqualTo("/upstream/items/7"))).get(0);
		assertThat(this.signature.verify(call.getHeader(RequestSignature.SIGNATURE), "GET", "/upstream/items/7",
				call.getHeader(RequestSignature.TIMESTAMP), new byte[0]))
			.isTrue();
	}

	@Test
	void anItemTheUpstreamDoesNotHaveIsAnsweredByTheFallback() throws Exception {
		this.upstream.stubFor(get("/upstream/items/0").willReturn(notFound()));

		assertThat(this.catalog.item(0).get(WAIT.toSeconds(), TimeUnit.SECONDS).name())
			.isEqualTo("unavailable");
		ResponseEntity<Item> entity = this.catalog.itemEntity(0);
		assertThat(entity.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
		assertThat(entity.getBody().tags()).containsExactly("fallback");
	}

	@Test
	void anItemTheUpstreamSaysIsFreshComesFromTheHttpCacheTheSecondTime() throws Exception {
		this.upstream.stubFor(get("/upstream/items/3")
			.willReturn(
					okJson("{\"id\":3,\"name\":\"item-3\",\"tags\":[]}").withHeader("Cache-Control", "max-age=30")));

		for (int i = 0; i < 2; i++) {
			assertThat(this.catalog.item(3).get(WAIT.toSeconds(), TimeUnit.SECONDS).name())
				.isEqualTo("item-3");
		}
		this.upstream.verify(1, getRequestedFor(urlEqualTo("/upstream/items/3")));
	}

}
