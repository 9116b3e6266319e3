package io.github.wxnetwork.autoconfigure;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.github.wxnetwork.RequestOptions;
import io.github.wxnetwork.RequestSuccess;
import io.github.wxnetwork.RequestTask;
import io.github.wxnetwork.WxRequestTemplate;
import io.github.wxnetwork.engine.WxHttpEngine;
import io.github.wxnetwork.support.Arrivals;
import io.github.wxnetwork.support.TaskAwait;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Ten tasks at once, twice: the second ten all find a pooled connection, since the engine's own client keeps
 * an idle connection for every task that may run at once (OkHttp's default keeps five, and the other five
 * would connect, over TLS with a handshake each).
 */
class ConnectionPoolTests {

	private static final long WAIT = 10;

	private static final int AT_ONCE = 10;

	private final Arrivals arrivals = new Arrivals(WAIT);

	private WireMockServer server;

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, WxNetworkAutoConfiguration.class));

	@BeforeEach
	void start() {
		this.server = new WireMockServer(wireMockConfig().dynamicPort().containerThreads(40).extensions(this.arrivals));
		this.server.start();
		this.server.stubFor(get(urlEqualTo("/item")).willReturn(okJson("{\"ok\":true}")));
	}

	@AfterEach
	void stop() {
		this.server.stop();
	}

	@Test
	void tenTasksAtOnceFindTenPooledConnectionsTheSecondTime() {
		this.runner.run((context) -> {
			WxRequestTemplate requests = context.getBean(WxRequestTemplate.class);
			assertThat(tenAtOnce(requests)).as("the first ten connect").noneMatch(this::reused);
			assertThat(tenAtOnce(requests)).as("the second ten reuse them").allMatch(this::reused);
		});
	}

	@Test
	void aClientOfTheApplicationsKeepsItsOwnPool() {
		this.runner.withUserConfiguration(OwnClient.class).run((context) -> assertThat(
				context.getBean(WxHttpEngine.class).client().connectionPool()).isSameAs(OwnClient.POOL));
	}

	@Configuration(proxyBeanMethods = false)
	static class OwnClient {

		static final ConnectionPool POOL = new ConnectionPool(1, 1, TimeUnit.MINUTES);

		@Bean
		@WxOkHttpClient
		OkHttpClient applicationClient() {
			return new OkHttpClient.Builder().connectionPool(POOL).build();
		}

	}

	/** Ten requests held at the server until all ten have arrived, so each needs a connection of its own. */
	private List<RequestSuccess> tenAtOnce(WxRequestTemplate requests) throws Exception {
		this.arrivals.holdResponses();
		List<RequestTask> tasks = new ArrayList<>();
		for (int i = 0; i < AT_ONCE; i++) {
			tasks.add(requests.request(RequestOptions.builder(this.server.baseUrl() + "/item").build()));
		}
		this.arrivals.awaitArrivals(AT_ONCE);
		this.arrivals.releaseResponses();
		List<RequestSuccess> results = new ArrayList<>();
		for (RequestTask task : tasks) {
			results.add(TaskAwait.await(task, WAIT));
		}
		return results;
	}

	private boolean reused(RequestSuccess success) {
		return success.profile().socketReused();
	}

}
