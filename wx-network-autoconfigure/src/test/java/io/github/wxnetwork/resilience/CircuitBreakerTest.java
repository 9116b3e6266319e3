package io.github.wxnetwork.resilience;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.wxnetwork.engine.TaskRoute;
import io.github.wxnetwork.RequestOptions;
import io.github.wxnetwork.RequestTask;
import io.github.wxnetwork.WxErrno;
import io.github.wxnetwork.WxNetworkException;
import io.github.wxnetwork.WxRequestTemplate;
import io.github.wxnetwork.support.TaskAwait;
import io.github.wxnetwork.support.WxTestKit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client's circuit breaker on the engine: what counts against the upstream (connection errors,
 * timeouts), what does not (an abort), and that an open circuit never reaches the network.
 */
class CircuitBreakerTest {

	private static final long WAIT_SECONDS = 10;

	private WxTestKit kit;

	private CircuitBreaker breaker;

	private WxRequestTemplate client;

	/** A server that accepts connections and never answers (for timeouts and aborts). */
	private ServerSocket silent;

	@BeforeEach
	void start() throws IOException {
		CircuitBreakerRegistry breakers = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
			.slidingWindowSize(2)
			.minimumNumberOfCalls(2)
			.failureRateThreshold(50)
			.waitDurationInOpenState(Duration.ofMinutes(1))
			.permittedNumberOfCallsInHalfOpenState(1)
			.build());
		this.kit = WxTestKit.builder().circuitBreakers(breakers).build();
		this.client = this.kit.requestTemplate()
			.withRoute(TaskRoute.DEFAULT.withPolicy(this.kit.policies().forClient("shop", null, true)));
		this.breaker = breakers.circuitBreaker("wx-shop");
		this.silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
	}

	@AfterEach
	void stop() throws IOException {
		this.kit.close();
		this.silent.close();
	}

	private String closedPortUrl() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return "http://127.0.0.1:" + socket.getLocalPort() + "/x";
		}
	}

	private String silentUrl() {
		return "http://127.0.0.1:" + this.silent.getLocalPort() + "/x";
	}

	@Test
	void connectionErrorsOpenTheCircuitAndThenNothingIsAttempted() throws Exception {
		String url = closedPortUrl();
		for (int i = 0; i < 2; i++) {
			assertThat(TaskAwait.awaitFailure(this.client.request(RequestOptions.builder(url).build()), WAIT_SECONDS)
				.errno()).isEqualTo(WxErrno.NETWORK_ERROR);
		}
		assertThat(this.breaker.getState()).isEqualTo(CircuitBreaker.State.OPEN);

		WxNetworkException refused = TaskAwait.awaitFailure(
				this.client.request(RequestOptions.builder(silentUrl()).build()), WAIT_SECONDS);

		assertThat(refused.errMsg()).isEqualTo("request:fail circuit breaker open");
		assertThat(this.breaker.getMetrics().getNumberOfNotPermittedCalls()).isEqualTo(1);
	}

	@Test
	void timeoutsCountAsFailures() throws Exception {
		for (int i = 0; i < 2; i++) {
			RequestTask task = this.client
				.request(RequestOptions.builder(silentUrl()).timeout(Duration.ofMillis(100)).build());
			assertThat(TaskAwait.awaitFailure(task, WAIT_SECONDS).errMsg()).isEqualTo("request:fail timeout");
		}
		assertThat(this.breaker.getState()).isEqualTo(CircuitBreaker.State.OPEN);
	}

	@Test
	void anAbortedCallGivesBackItsHalfOpenPermit() throws Exception {
		// Half open with one trial call: a permit an abort kept would refuse every call after it.
		this.breaker.transitionToOpenState();
		this.breaker.transitionToHalfOpenState();
		CountDownLatch connected = new CountDownLatch(1);
		Thread acceptor = new Thread(() -> {
			try (Socket held = this.silent.accept()) {
				connected.countDown();
				// Hold the connection until the client closes it: closing on the request's first byte
				// would end the exchange before the abort does.
				while (held.getInputStream().read() != -1) {
				}
			}
			catch (IOException ex) {
				// closed by the test
			}
		});
		acceptor.setDaemon(true);
		acceptor.start();
		RequestTask held = this.client.request(RequestOptions.builder(silentUrl()).build());
		assertThat(connected.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();

		held.abort();
		assertThat(TaskAwait.awaitFailure(held, WAIT_SECONDS).errMsg()).isEqualTo("request:fail abort");

		assertThat(this.breaker.getState()).isEqualTo(CircuitBreaker.State.HALF_OPEN);
		WxNetworkException next = TaskAwait.awaitFailure(
				this.client.request(RequestOptions.builder(closedPortUrl()).build()), WAIT_SECONDS);
		assertThat(next.errno()).as("the trial call was let through").isEqualTo(WxErrno.NETWORK_ERROR);
	}

	@Test
	void templateCallsHaveNoBreaker() throws Exception {
		String url = closedPortUrl();
		for (int i = 0; i < 3; i++) {
			assertThat(TaskAwait.awaitFailure(this.kit.requestTemplate().request(RequestOptions.builder(url).build()),
					WAIT_SECONDS).errno()).isEqualTo(WxErrno.NETWORK_ERROR);
		}
		assertThat(this.breaker.getMetrics().getNumberOfBufferedCalls()).isZero();
	}

}
