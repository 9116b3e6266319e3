package io.github.wxnetwork.test.app.pricing;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.github.wxnetwork.test.WxClientTest;
import io.github.wxnetwork.test.app.CatalogClient;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.serverError;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Without classes the slice tests the clients of the test's package and below, and keeps the path and query of
 * their URL.
 */
@WxClientTest
class DefaultClientsTests {

	@Autowired
	PricingClient pricing;

	@Autowired
	WireMockServer server;

	@Autowired
	ApplicationContext context;

	@Test
	void theClientsOfTheTestsPackageAreThereAndNoOther() {
		assertThat(this.context.getBeanNamesForType(PricingClient.class)).isNotEmpty();
		assertThat(this.context.getBeanNamesForType(CatalogClient.class)).isEmpty();
	}

	@Test
	void thePathAndQueryOfTheClientsOwnUrlAreKeptTrailingSlashIncluded() {
		this.server.stubFor(get(urlPathEqualTo("/v2/quotes/A-1")).withQueryParam("currency", equalTo("EUR"))
			.willReturn(ok("9.90")));
		this.server.stubFor(get(urlPathEqualTo("/v2/quotes/A-1/history")).withQueryParam("currency", equalTo("EUR"))
			.willReturn(ok("9.50,9.90")));

		assertThat(this.pricing.quote("A-1")).isEqualTo("9.90");
		assertThat(this.pricing.history("A-1")).isEqualTo("9.50,9.90");
	}

	@Test
	void theFallbackTheClientNamesIsLoadedAndAnswersAFailure() {
		this.server.stubFor(get(urlPathEqualTo("/v2/quotes/B-2")).willReturn(serverError()));

		assertThat(this.pricing.quote("B-2")).isEqualTo("no quote for B-2");
	}

}
