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

	/**
	 * One example class: stubs {@code /items/1} as its name, meets the other class when running in parallel,
	 * then calls; its other tests find a clean server.
	 */
	@WxClientTest(CatalogClient.class)
	abstract static class Example {

		@Autowired
		CatalogClient catalog;

		@Autowired
		WireMockServer server;

		abstract String name();

		@Test
		void stubsMeetsAndCalls() throws Exception {
			this.server.stubFor(get("/items/1").willReturn(okJson("{\"id\":1,\"name\":\"" + name() + "\"}")));
			CyclicBarrier barrier = meeting;
			if (barrier != null) {
				barrier.await(30, TimeUnit.SECONDS);
			}
			assertThat(this.catalog.item(1).name()).isEqualTo(name());
		}

		@Test
		void findsNoStubOfAnotherTest() {
			assertThat(this.server.getStubMappings()).isEmpty();
		}

		/** What each subclass's nested class checks (declared there: see {@link FirstExample}). */
		void hasItsOwnCleanServer(WireMockServer innerServer) {
			assertThat(innerServer).isNotNull();
			assertThat(innerServer.getStubMappings()).isEmpty();
		}

	}

	/**
	 * Each subclass declares its own {@code @Nested} class: one declared in {@link Example} would be one test
	 * class for Spring, whose context (and server) both subclasses would then share.
	 */
	static class FirstExample extends Example {

		@Override
		String name() {
			return "first";
		}

		@Nested
		class Inner {

			@Test
			void hasItsOwnCleanServer(@Autowired WireMockServer innerServer) {
				FirstExample.this.hasItsOwnCleanServer(innerServer);
			}

		}

	}

	static class SecondExample extends Example {

		@Override
		String name() {
			return "second";
		}

		@Nested
		class Inner {

			@Test
			void hasItsOwnCleanServer(@Autowired WireMockServer innerServer) {
				SecondExample.this.hasItsOwnCleanServer(innerServer);
			}

		}

	}

}
