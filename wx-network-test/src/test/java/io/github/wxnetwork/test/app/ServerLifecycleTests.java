package io.github.wxnetwork.test.app;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.github.wxnetwork.test.AutoConfigureWireMock;
import io.github.wxnetwork.test.WxClientTest;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/** The server lives as long as its test class: stopped, with its context, once the class is done. */
class ServerLifecycleTests {

	private static volatile WireMockServer seen;

	@Test
	void theServerIsStoppedWhenItsTestClassEnds() {
		runAndExpectSuccess(SliceExample.class);

		assertThat(seen).isNotNull();
		assertThat(seen.isRunning()).isFalse();
	}

	@Test
	void theServerAloneServesAnySpringBootTestAndIsStoppedAfterIt() {
		runAndExpectSuccess(SpringBootTestExample.class);

		assertThat(seen.isRunning()).isFalse();
	}

	private static void runAndExpectSuccess(Class<?> example) {
		seen = null;
		EngineTestKit.engine("junit-jupiter")
			.selectors(selectClass(example))
			.execute()
			.testEvents()
			.assertStatistics((stats) -> stats.started(1).succeeded(1));
	}

	@WxClientTest(CatalogClient.class)
	static class SliceExample {

		@Test
		void runs(@Autowired WireMockServer server) {
			assertThat(server.isRunning()).isTrue();
			seen = server;
		}

	}

	@SpringBootTest(classes = SpringBootTestExample.Empty.class)
	@AutoConfigureWireMock
	static class SpringBootTestExample {

		@Test
		void runs(@Autowired WireMockServer server, @Value("${wiremock.server.port}") int port) {
			assertThat(server.isRunning()).isTrue();
			assertThat(port).isEqualTo(server.port());
			seen = server;
		}

		@Configuration(proxyBeanMethods = false)
		static class Empty {

		}

	}

}
