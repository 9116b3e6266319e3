package io.github.wxnetwork.test.app;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.github.wxnetwork.RequestOptions;
import io.github.wxnetwork.WxRequestTemplate;
import io.github.wxnetwork.test.WxClientTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import org.springframework.beans.factory.annotation.Autowired;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.serverError;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The server is reset before each test: the first test leaves a stub, a request, a scenario state and an
 * answer in the HTTP cache behind, the second finds none of them. Stubs made in {@code @BeforeEach} are kept
 * (the reset runs before it).
 */
@WxClientTest(clients = CatalogClient.class, properties = "wx.network.cache.max-size=1MB")
@TestMethodOrder(OrderAnnotation.class)
class StubsResetTests {

	@Autowired
	CatalogClient catalog;

	@Autowired
	WireMockServer server;

	@BeforeEach
	void stubEveryTestSees() {
		this.server.stubFor(get("/items/1").willReturn(okJson("{\"id\":1,\"name\":\"one\"}")));
	}

	@Autowired
	WxRequestTemplate wx;

	private String cached() {
		RequestOptions options = RequestOptions.builder(this.server.baseUrl() + "/cached").enableCache(true).build();
		return (String) this.wx.request(options).join().data();
	}

	@Test
	@Order(1)
	void aTestLeavesAStubARequestAScenarioStateAndACachedAnswerBehind() {
		this.server.stubFor(get("/cached").willReturn(ok("old").withHeader("Cache-Control", "max-age=600")));
		assertThat(cached()).isEqualTo("old");
		assertThat(cached()).isEqualTo("old");
		assertThat(this.server.findAll(getRequestedFor(urlEqualTo("/cached")))).hasSize(1);
		this.server.stubFor(get("/items/2").inScenario("flaky").whenScenarioStateIs("Started")
			.willReturn(serverError()).willSetStateTo("recovered"));
		assertThatThrownBy(() -> this.catalog.item(2)).hasMessageContaining("500");
		assertThat(this.server.getAllScenarios().getScenarios()).singleElement()
			.satisfies((scenario) -> assertThat(scenario.getState()).isEqualTo("recovered"));
	}

	@Test
	@Order(2)
	void theNextTestFindsNoneOfThemButItsOwnBeforeEachStub() {
		assertThat(this.server.getAllServeEvents()).isEmpty();
		assertThat(this.server.getAllScenarios().getScenarios()).isEmpty();
		this.server.stubFor(get("/cached").willReturn(ok("new")));
		assertThat(cached()).isEqualTo("new");
		assertThat(this.server.getStubMappings()).extracting((stub) -> stub.getRequest().getUrl())
			.containsExactlyInAnyOrder("/items/1", "/cached");
		assertThat(this.catalog.item(1).name()).isEqualTo("one");
		assertThat(this.server.findAll(getRequestedFor(urlEqualTo("/items/2")))).isEmpty();
	}

}
