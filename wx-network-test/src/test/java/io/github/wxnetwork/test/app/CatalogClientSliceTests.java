package io.github.wxnetwork.test.app;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.github.wxnetwork.RequestOptions;
import io.github.wxnetwork.WxDownloadTemplate;
import io.github.wxnetwork.WxRequestTemplate;
import io.github.wxnetwork.WxUploadTemplate;
import io.github.wxnetwork.test.WxAssertions;
import io.github.wxnetwork.test.WxClientTest;
import io.github.wxnetwork.test.app.pricing.PricingClient;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContext;
import org.springframework.web.context.WebApplicationContext;
import org.springframework.web.servlet.DispatcherServlet;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/** What {@code @WxClientTest(SomeClient.class)} loads, and what it leaves out. */
@WxClientTest(CatalogClient.class)
class CatalogClientSliceTests {

	@Autowired
	CatalogClient catalog;

	@Autowired
	WireMockServer server;

	@Autowired
	ApplicationContext context;

	@Autowired
	WxRequestTemplate wx;

	@Test
	void theClientCallsTheServerAlthoughItsUrlPlaceholderIsUndefinedAndTheGuardsRefuseLoopback() {
		this.server.stubFor(get("/items/7").willReturn(okJson("{\"id\":7,\"name\":\"seven\"}")));

		assertThat(this.catalog.item(7)).isEqualTo(new CatalogClient.Item(7, "seven"));
		this.server.verify(getRequestedFor(urlEqualTo("/items/7")).withHeader("X-Caller", equalTo("test-app")));
	}

	@Test
	void theServerListensOnAFreeLoopbackPortNamedInProperties() {
		assertThat(this.server.isRunning()).isTrue();
		assertThat(this.server.port()).isPositive();
		assertThat(this.context.getEnvironment().getProperty("wiremock.server.baseUrl"))
			.isEqualTo("http://127.0.0.1:" + this.server.port());
	}

	@Test
	void theTemplatesAndJacksonAreThere() {
		assertThat(this.context.getBeanNamesForType(WxRequestTemplate.class)).hasSize(1);
		assertThat(this.context.getBeanNamesForType(WxUploadTemplate.class)).hasSize(1);
		assertThat(this.context.getBeanNamesForType(WxDownloadTemplate.class)).hasSize(1);
		assertThat(this.context.getBeanNamesForType(JsonMapper.class)).hasSize(1);
	}

	@Test
	void theInterceptorTheClientNamesIsLoadedAndNoOtherComponent() {
		assertThat(this.context.getBeanNamesForType(TracingInterceptor.class)).hasSize(1);
		assertThat(this.context.getBeanNamesForType(AuditService.class)).isEmpty();
	}

	@Test
	void aCallToAnotherHostNeverLeavesTheMachine() {
		WxAssertions.assertThat(this.wx.request(RequestOptions.builder("http://example.org/items").build()))
			.failsWith("request:fail url not in domain list");
	}

	@Test
	void aClientTheTestDoesNotNameIsAbsent() {
		assertThat(this.context.getBeanNamesForType(PricingClient.class)).isEmpty();
	}

	@Test
	void noWebServerAndNoWebContextAlthoughSpringMvcIsOnTheClasspath() {
		assertThat(this.context).isNotInstanceOf(WebServerApplicationContext.class)
			.isNotInstanceOf(WebApplicationContext.class);
		assertThat(this.context.getBeanNamesForType(DispatcherServlet.class)).isEmpty();
	}

	/**
	 * A nested class inherits the slice and has a context and server of its own (Spring then injects the
	 * enclosing instance from that context too).
	 */
	@Nested
	class WhenNested {

		@Autowired
		CatalogClient nestedCatalog;

		@Autowired
		WireMockServer nestedServer;

		@Test
		void itsClientCallsItsOwnServer() {
			this.nestedServer.stubFor(get("/items/8").willReturn(okJson("{\"id\":8,\"name\":\"nested\"}")));

			assertThat(this.nestedCatalog.item(8).name()).isEqualTo("nested");
			assertThat(this.nestedServer.getAllServeEvents()).singleElement();
			assertThat(CatalogClientSliceTests.this.server).isSameAs(this.nestedServer);
		}

	}

}
