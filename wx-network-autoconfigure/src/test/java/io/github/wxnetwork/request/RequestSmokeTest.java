package io.github.wxnetwork.request;

import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.github.wxnetwork.RequestOptions;
import io.github.wxnetwork.RequestSuccess;
import io.github.wxnetwork.WxMethod;
import io.github.wxnetwork.support.WxTestKit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

class RequestSmokeTest {

	private WireMockServer server;

	private WxTestKit kit;

	@BeforeEach
	void start() {
		this.server = new WireMockServer(wireMockConfig().dynamicPort());
		this.server.start();
		this.kit = WxTestKit.create();
	}

	@AfterEach
	void stop() {
		this.kit.close();
		this.server.stop();
	}

	@Test
	void getParsesJsonAndFillsProfile() {
		this.server.stubFor(get("/items?a=1").willReturn(aResponse().withHeader("Content-Type", "application/json")
			.withHeader("Set-Cookie", "k=v")
			.withBody("{\"x\":1}")));
		RequestSuccess success = this.kit.requestTemplate()
			.request(RequestOptions.builder(this.server.baseUrl() + "/items").data(Map.of("a", 1)).build())
			.join();
		assertThat(success.statusCode()).isEqualTo(200);
		assertThat(success.data()).isEqualTo(Map.of("x", 1));
		assertThat(success.header()).containsEntry("content-type", "application/json");
		assertThat(success.cookies()).containsExactly("k=v");
		assertThat(success.profile().protocol()).isEqualTo("http1.1");
		assertThat(success.profile().peerIP()).isEqualTo("127.0.0.1");
		assertThat(success.profile().port()).isEqualTo(this.server.port());
		assertThat(success.profile().receivedBytedCount()).isGreaterThan(7);
	}

	@Test
	void postSendsJson() {
		this.server.stubFor(post("/p").willReturn(aResponse().withStatus(404).withBody("nope")));
		RequestSuccess success = this.kit.requestTemplate()
			.request(RequestOptions.builder(this.server.baseUrl() + "/p").method(WxMethod.POST).data(Map.of("a", "b")).build())
			.join();
		assertThat(success.statusCode()).isEqualTo(404);
		assertThat(success.data()).isEqualTo("nope");
		this.server.verify(postRequestedFor(urlEqualTo("/p")).withHeader("Content-Type", equalTo("application/json"))
			.withRequestBody(equalToJson("{\"a\":\"b\"}")));
	}

}
