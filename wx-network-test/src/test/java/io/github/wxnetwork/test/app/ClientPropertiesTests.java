package io.github.wxnetwork.test.app;

import java.time.Duration;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.github.wxnetwork.RequestOptions;
import io.github.wxnetwork.WxRequestTemplate;
import io.github.wxnetwork.test.WxAssertions;
import io.github.wxnetwork.test.WxClientTest;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.ActiveProfiles;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

/**
 * The client's own settings ({@code application-catalog.properties}) still apply beside the slice's base URL,
 * whatever form their key takes, except for the proxy they name; the test's own properties win over the slice's;
 * a class that is not a client is refused with its name.
 */
@WxClientTest(CatalogClient.class)
@ActiveProfiles("catalog")
class ClientPropertiesTests {

	@Autowired
	CatalogClient catalog;

	@Autowired
	WireMockServer server;

	@Test
	void theClientsPropertiesApplyAndItsConfiguredPathIsKept() {
		this.server.stubFor(get("/api/items/5").willReturn(okJson("{\"id\":5,\"name\":\"five\"}")));

		assertThat(this.catalog.item(5).name()).isEqualTo("five");
		this.server.verify(getRequestedFor(urlEqualTo("/api/items/5")).withHeader("X-Tenant", equalTo("acme")));
	}

	@Test
	void theTemplatesIgnoreTheApplicationsProxyToo(@Autowired WxRequestTemplate wx) {
		this.server.stubFor(get("/ping").willReturn(okJson("true")));

		WxAssertions.assertThat(wx.request(RequestOptions.builder(this.server.baseUrl() + "/ping").build()))
			.succeedsWithin(Duration.ofSeconds(10))
			.hasData(true);
	}

	@Test
	void theTestsOwnPropertiesWinOverTheSlices() {
		EngineTestKit.engine("junit-jupiter")
			.selectors(selectClass(OwnAllowListExample.class))
			.execute()
			.testEvents()
			.assertStatistics((stats) -> stats.started(1).succeeded(1));
	}

	@Test
	void namingAClassThatIsNotAClientFailsTheTestClassWithItsName() {
		EngineTestKit.engine("junit-jupiter")
			.selectors(selectClass(NotAClientExample.class))
			.execute()
			.allEvents()
			.assertThatEvents()
			.haveAtLeastOne(finishedWithFailure(message((text) -> text.contains(AuditService.class.getName())
					&& text.contains("not an interface annotated @WxClient"))));
	}

	@WxClientTest(clients = CatalogClient.class, properties = "wx.network.allowed-domains=catalog.example.com")
	static class OwnAllowListExample {

		@Test
		void theLoopbackServerIsRefused(@Autowired CatalogClient catalog) {
			WxAssertions.assertThat(catalog.itemTask(1)).failsWith("request:fail url not in domain list");
		}

	}

	@WxClientTest(AuditService.class)
	static class NotAClientExample {

		@Test
		void neverRuns() {
		}

	}

}
