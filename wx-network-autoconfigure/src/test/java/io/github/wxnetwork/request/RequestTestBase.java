package io.github.wxnetwork.request;

import java.util.List;
import java.util.concurrent.TimeoutException;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.wxnetwork.RequestOptions;
import io.github.wxnetwork.RequestSuccess;
import io.github.wxnetwork.RequestTask;
import io.github.wxnetwork.WxNetworkException;
import io.github.wxnetwork.support.Arrivals;
import io.github.wxnetwork.support.TaskAwait;
import io.github.wxnetwork.support.TestWireMock;
import io.github.wxnetwork.support.WxTestKit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * What every wx.request behaviour test class shares: its own WireMock server (dynamic port, loopback)
 * and its own {@link WxTestKit}, both closed after each test, plus bounded waits (never sleeps).
 */
abstract class RequestTestBase {

	/** The most any single wait in these tests may take; a hang fails the test instead of the build. */
	static final long WAIT_SECONDS = 10;

	WireMockServer server;

	WxTestKit kit;

	/** Counts each request WireMock has matched (before any response delay). */
	final Arrivals arrivals = new Arrivals(WAIT_SECONDS);

	@BeforeEach
	void startServerAndKit() {
		this.server = TestWireMock.start(this.arrivals);
		this.kit = WxTestKit.create();
	}

	@AfterEach
	void stopServerAndKit() {
		this.kit.close();
		this.server.stop();
	}

	/** Swaps the test's kit for one with other knobs; the old one is closed. */
	void useKit(WxTestKit.Builder builder) {
		this.kit.close();
		this.kit = builder.build();
	}

	/** A URL on the WireMock server by the host name {@code localhost}. */
	String url(String path) {
		return "http://localhost:" + this.server.port() + path;
	}

	/** The same server by the IP address {@code 127.0.0.1}: another host for the allow-list. */
	String ipUrl(String path) {
		return "http://127.0.0.1:" + this.server.port() + path;
	}

	RequestTask request(RequestOptions.Builder options) {
		return this.kit.requestTemplate().request(options.build());
	}

	static RequestSuccess await(RequestTask task) throws Exception {
		return TaskAwait.await(task, WAIT_SECONDS);
	}

	/** Waits for the task to fail and returns why; fails the test if it succeeded or hung. */
	static WxNetworkException awaitFailure(RequestTask task) throws InterruptedException, TimeoutException {
		return TaskAwait.awaitFailure(task, WAIT_SECONDS);
	}

	/** Waits until WireMock has matched one more request (it is then inside any response delay). */
	void awaitArrival() throws InterruptedException {
		this.arrivals.awaitArrival();
	}

	List<LoggedRequest> received() {
		return TestWireMock.received(this.server);
	}

	LoggedRequest onlyRequest() {
		return TestWireMock.onlyRequest(this.server);
	}

}
