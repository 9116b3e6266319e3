package io.github.wxnetwork.engine;

import java.util.concurrent.TimeUnit;

import io.github.wxnetwork.RequestOptions;
import io.github.wxnetwork.RequestTask;
import io.github.wxnetwork.support.GatedLimiter;
import io.github.wxnetwork.support.WireMockPerClass;
import io.github.wxnetwork.support.WxTestKit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A route whose caller waits ({@link TaskRoute#callerWaits()}) leaves the exchange to the caller only when the
 * slot was granted inside the caller's own submit and the caller can do I/O; any other start goes to the pool,
 * so offered work is never left for a caller that is not about to join.
 */
class CallerRunsTests extends WireMockPerClass {

	private static final long WAIT = 10;

	@BeforeEach
	void stub() {
		server.stubFor(get(urlEqualTo("/item")).willReturn(okJson("{\"ok\":true}")));
	}

	@Test
	void aTaskStartedLaterOnTheWaitersOwnThreadIsRunByThePool() throws Exception {
		GatedLimiter gate = new GatedLimiter();
		try (WxTestKit kit = WxTestKit.builder().limiter(gate).build()) {
			RequestTask task = kit.requestTemplate().forMethod("/item", true)
				.request(RequestOptions.builder(server.baseUrl() + "/item").build());
			// The slot frees on this same thread, outside its submit: nobody here is about to join.
			gate.open();
			// A timed get never claims the work: only the pool can have run it.
			assertThat(task.toCompletableFuture().get(WAIT, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
		}
	}

	@Test
	void anInterruptedCallersExchangeRunsOnThePoolAndSucceeds() throws Exception {
		try (WxTestKit kit = WxTestKit.create()) {
			Thread.currentThread().interrupt();
			try {
				RequestTask task = kit.requestTemplate().forMethod("/item", true)
					.request(RequestOptions.builder(server.baseUrl() + "/item").build());
				assertThat(task.join().statusCode()).isEqualTo(200);
			}
			finally {
				assertThat(Thread.interrupted()).as("the caller's interrupt is left as it was").isTrue();
			}
		}
	}

	@Test
	void aCallerWhoseSlotIsFreeRunsItsOwnExchange() throws Exception {
		try (WxTestKit kit = WxTestKit.create()) {
			Thread[] ranOn = new Thread[1];
			RequestTask task = kit.requestTemplate().forMethod("/item", true)
				.request(RequestOptions.builder(server.baseUrl() + "/item").build());
			task.onHeadersReceived((headers) -> ranOn[0] = Thread.currentThread());
			assertThat(task.join().statusCode()).isEqualTo(200);
			assertThat(ranOn[0]).isSameAs(Thread.currentThread());
		}
	}

}
