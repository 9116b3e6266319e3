package io.github.wxnetwork.test.app;

import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.github.wxnetwork.test.WxClientTest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;

import org.springframework.beans.factory.annotation.Autowired;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/**
 * Two slice test classes, with a nested class each, run by JUnit with parallel execution on and off. With it
 * on, both classes stub the same path with different answers and wait for each other before calling: each
 * must get its own answer, so each has its own server and neither's reset touches the other's stubs.
 */
class ParallelExecutionTests {

	private static volatile CyclicBarrier meeting;

	@Test
	void classesRunAtTheSameTimeEachWithItsOwnServer() {
		meeting = new CyclicBarrier(2);
		EngineTestKit.engine("junit-jupiter")
			.configurationParameter("junit.jupiter.execution.parallel.enabled", "true")
			.configurationParameter("junit.jupiter.execution.parallel.mode.classes.default", "concurrent")
			.configurationParameter("junit.jupiter.execution.parallel.mode.default", "same_thread")
			.configurationParameter("junit.jupiter.execution.parallel.config.strategy", "fixed")
			.configurationParameter("junit.jupiter.execution.parallel.config.fixed.parallelism", "2")
			.selectors(selectClass(FirstExample.class), selectClass(SecondExample.class))
			.execute()
			.testEvents()
			.assertStatistics((stats) -> stats.started(6).succeeded(6));
	}

	@Test
	void classesRunOneAfterTheOther() {
		meeting = null;
		EngineTestKit.engine("junit-jupiter")
			.configurationParameter("junit.jupiter.execution.parallel.enabled", "false")
			.selectors(selectClass(FirstExample.class), selectClass(SecondExample.class))
			.execute()
			.testEvents()
			.assertStatistics((stats) -> stats.started(6).succeeded(6));
	}

	/** Stubs {@code /items/1} as {@code name}, meets the other class when running in parallel, then calls. */
	static void stubMeetAndCall(WireMockServer server, CatalogClient catalog, String name) throws Exception {
		server.stubFor(get("/items/1").willReturn(okJson("{\"id\":1,\"name\":\"" + name + "\"}")));
		CyclicBarrier barrier = meeting;
		if (barrier != null) {
			barrier.await(30, TimeUnit.SECONDS);
		}
		assertThat(catalog.item(1).name()).isEqualTo(name);
	}

	@WxClientTest(CatalogClient.class)
	static class FirstExample {

		@Autowired
		CatalogClient catalog;

		@Autowired
		WireMockServer server;

		@Test
		void stubsMeetsAndCalls() throws Exception {
			stubMeetAndCall(this.server, this.catalog, "first");
		}

		@Test
		void findsNoStubOfAnotherTest() {
			assertThat(this.server.getStubMappings()).isEmpty();
		}

		@Nested
		class Inner {

			@Test
			void hasItsOwnCleanServer(@Autowired WireMockServer innerServer) {
				assertThat(innerServer.getStubMappings()).isEmpty();
			}

		}

	}

	@WxClientTest(CatalogClient.class)
	static class SecondExample {

		@Autowired
		CatalogClient catalog;

		@Autowired
		WireMockServer server;

		@Test
		void stubsMeetsAndCalls() throws Exception {
			stubMeetAndCall(this.server, this.catalog, "second");
		}

		@Test
		void findsNoStubOfAnotherTest() {
			assertThat(this.server.getStubMappings()).isEmpty();
		}

		@Nested
		class Inner {

			@Test
			void hasItsOwnCleanServer(@Autowired WireMockServer innerServer) {
				assertThat(innerServer.getStubMappings()).isEmpty();
			}

		}

	}

}
