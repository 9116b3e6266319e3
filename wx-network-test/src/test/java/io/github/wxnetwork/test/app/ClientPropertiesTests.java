package io.github.wxnetwork.test.app;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.github.wxnetwork.test.WxClientTest;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;

import org.springframework.beans.factory.annotation.Autowired;

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
 * The client's own settings still apply beside the slice's base URL, whatever form their key takes; a class
 * that is not a client is refused with its name.
 */
@WxClientTest(clients = CatalogClient.class,
		properties = { "wx.network.clients.catalog-client.default-header.X-Tenant=acme",
				"wx.network.clients.catalog-client.base-url=https://catalog.example.com/api" })
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
	void namingAClassThatIsNotAClientFailsTheTestClassWithItsName() {
		EngineTestKit.engine("junit-jupiter")
			.selectors(selectClass(NotAClientExample.class))
			.execute()
			.allEvents()
			.assertThatEvents()
			.haveAtLeastOne(finishedWithFailure(message((text) -> text.contains(AuditService.class.getName())
					&& text.contains("not an interface annotated @WxClient"))));
	}

	@WxClientTest(AuditService.class)
	static class NotAClientExample {

		@Test
		void neverRuns() {
		}

	}

}
