package io.github.wxnetwork.client;

import io.github.wxnetwork.RequestSuccess;
import io.github.wxnetwork.WxNetworkException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.HttpExchange;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@code wx.network.clients.<name>.base-url / default-header / timeout} (and the deprecated {@code url} and
 * {@code default-headers}), and placeholders in {@code @WxClient(url)}.
 */
class WxClientPropertiesTests extends WxClientTestSupport {

	@WxClient(name = "props", url = "http://127.0.0.1:9/never")
	interface PropsClient {

		@GetExchange("/item")
		RequestSuccess item();

		@HttpExchange(method = "GET", url = "/item", headers = "X-Tenant=from-mapping")
		RequestSuccess itemWithMappingHeader();

		@GetExchange("/slow")
		RequestSuccess slow();

	}

	@WxClient(url = "${test.url}/root")
	interface UnnamedClient {

		@GetExchange("/item")
		RequestSuccess item();

	}

	@BeforeEach
	void stub() {
		server.stubFor(any(anyUrl()).willReturn(aResponse().withBody("ok")));
		server.stubFor(get("/slow").willReturn(aResponse().withFixedDelay(1_500).withBody("late")));
	}

	@Test
	void baseUrlPropertyOverridesTheAnnotation() {
		runner().withInitializer(clients(PropsClient.class))
			.withPropertyValues("wx.network.clients.props.base-url=${test.url}/v2")
			.run((context) -> {
				PropsClient client = context.getBean(PropsClient.class);
				assertThat(client.item().data()).isEqualTo("ok");
				assertThat(onlyRequest().getUrl()).isEqualTo("/v2/item");
				assertThat(client).hasToString("WxClient[name=props, url=" + server.baseUrl() + "/v2]");
			});
	}

	@Test
	void deprecatedUrlPropertyStillWorksAndBaseUrlWinsOverIt() {
		runner().withInitializer(clients(PropsClient.class))
			.withPropertyValues("wx.network.clients.props.url=${test.url}/old")
			.run((context) -> {
				context.getBean(PropsClient.class).item();
				assertThat(onlyRequest().getUrl()).isEqualTo("/old/item");
			});
		server.resetRequests();
		runner().withInitializer(clients(PropsClient.class))
			.withPropertyValues("wx.network.clients.props.url=${test.url}/old",
					"wx.network.clients.props.base-url=${test.url}/new")
			.run((context) -> {
				context.getBean(PropsClient.class).item();
				assertThat(onlyRequest().getUrl()).isEqualTo("/new/item");
			});
	}

	@Test
	void defaultHeadersAreSentWithEveryCallSeveralValuesJoined() {
		runner().withInitializer(clients(PropsClient.class))
			.withPropertyValues("wx.network.clients.props.base-url=${test.url}",
					"wx.network.clients.props.default-header.X-Tenant=acme",
					"wx.network.clients.props.default-header.X-App[0]=shop",
					"wx.network.clients.props.default-header.X-App[1]=web")
			.run((context) -> {
				context.getBean(PropsClient.class).item();
				assertThat(onlyRequest().getHeader("X-Tenant")).isEqualTo("acme");
				assertThat(onlyRequest().getHeader("X-App")).isEqualTo("shop, web");
			});
	}

	@Test
	void deprecatedDefaultHeadersStillWorkAndDefaultHeaderWinsOverThem() {
		runner().withInitializer(clients(PropsClient.class))
			.withPropertyValues("wx.network.clients.props.base-url=${test.url}",
					"wx.network.clients.props.default-headers.X-Tenant=old",
					"wx.network.clients.props.default-headers.X-Old=kept",
					"wx.network.clients.props.default-header.X-Tenant=new")
			.run((context) -> {
				context.getBean(PropsClient.class).item();
				assertThat(onlyRequest().getHeader("X-Tenant")).isEqualTo("new");
				assertThat(onlyRequest().getHeader("X-Old")).isEqualTo("kept");
			});
	}

	@Test
	void ideMetadataMarksTheOldNamesDeprecated() throws Exception {
		String metadata = new String(getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")
			.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
		tools.jackson.databind.JsonNode properties = tools.jackson.databind.json.JsonMapper.shared()
			.readTree(metadata)
			.get("properties");
		java.util.Map<String, tools.jackson.databind.JsonNode> byName = new java.util.HashMap<>();
		properties.forEach((property) -> byName.put(property.get("name").asString(), property));
		assertThat(byName.get("wx.network.clients.*.url").at("/deprecation/replacement").asString())
			.isEqualTo("wx.network.clients.*.base-url");
		assertThat(byName.get("wx.network.clients.*.default-headers").at("/deprecation/replacement").asString())
			.isEqualTo("wx.network.clients.*.default-header");
		assertThat(byName).containsKeys("wx.network.clients.*.base-url", "wx.network.clients.*.default-header",
				"wx.network.clients.*.timeout", "wx.network.clients.*.throw-on-error-status");
	}

	@Test
	void aMappingsHeaderBeatsADefaultHeaderOfTheSameName() {
		runner().withInitializer(clients(PropsClient.class))
			.withPropertyValues("wx.network.clients.props.base-url=${test.url}",
					"wx.network.clients.props.default-header.x-tenant=acme")
			.run((context) -> {
				context.getBean(PropsClient.class).itemWithMappingHeader();
				assertThat(onlyRequest().getHeaders().getHeader("X-Tenant").values()).containsExactly("from-mapping");
			});
	}

	@Test
	void clientTimeoutBoundsEveryCall() {
		runner().withInitializer(clients(PropsClient.class))
			.withPropertyValues("wx.network.clients.props.base-url=${test.url}", "wx.network.clients.props.timeout=300ms")
			.run((context) -> assertThatExceptionOfType(WxNetworkException.class)
				.isThrownBy(() -> context.getBean(PropsClient.class).slow())
				.satisfies((ex) -> assertThat(ex.errMsg()).isEqualTo("request:fail timeout")));
	}

	@Test
	void annotationUrlPlaceholderIsResolvedAndNameDefaultsToTheInterfaceName() {
		runner().withInitializer(clients(UnnamedClient.class)).run((context) -> {
			UnnamedClient client = context.getBean(UnnamedClient.class);
			assertThat(client).hasToString("WxClient[name=unnamedClient, url=" + server.baseUrl() + "/root]");
			client.item();
			assertThat(onlyRequest().getUrl()).isEqualTo("/root/item");
		});
	}

	@Test
	void propertiesOfADefaultNameMatchRelaxedly() {
		runner().withInitializer(clients(UnnamedClient.class))
			.withPropertyValues("wx.network.clients.unnamed-client.base-url=${test.url}/kebab")
			.run((context) -> {
				context.getBean(UnnamedClient.class).item();
				assertThat(onlyRequest().getUrl()).isEqualTo("/kebab/item");
			});
	}

	@Test
	void clientPropertiesAreBoundIntoTheirOwnBean() {
		runner().withPropertyValues("wx.network.clients.props.base-url=https://shop.example.com",
				"wx.network.clients.props.timeout=5s")
			.run((context) -> {
				WxClientProperties.Client props = context.getBean(WxClientProperties.class).clients().get("props");
				assertThat(props.baseUrl()).isEqualTo("https://shop.example.com");
				assertThat(props.timeout()).hasSeconds(5);
				assertThat(props.throwOnErrorStatus()).isTrue();
			});
	}

}
