package io.github.wxnetwork.request;

import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.extension.Parameters;
import com.github.tomakehurst.wiremock.extension.ServeEventListener;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.wxnetwork.RequestOptions;
import io.github.wxnetwork.RequestSuccess;
import io.github.wxnetwork.RequestTask;
import io.github.wxnetwork.WxNetworkException;
import io.github.wxnetwork.support.WxTestKit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every wx.request behaviour test class shares: its own WireMock server (dynamic port, loopback)
 * and its own {@link WxTestKit}, both closed after each test, plus bounded waits (never sleeps).
 */
abstract class RequestTestBase {

	/** The most any single wait in these tests may take; a hang fails the test instead of the build. */
	static final long WAIT_SECONDS = 10;

	WireMockServer server;

	WxTestKit kit;

	/** One permit per request WireMock has matched (before any response delay). */
	final Semaphore arrivals = new Semaphore(0);

	@BeforeEach
	void startServerAndKit() {
		ServeEventListener arrivalCounter = new ServeEventListener() {

			@Override
			public void afterMatch(ServeEvent serveEvent, Parameters parameters) {
				RequestTestBase.this.arrivals.release();
			}

			@Override
			public String getName() {
				return "arrivals";
			}

		};
		// No gzip: OkHttp asks for it transparently, and a gzipped body reaches the client in one piece
		// (no chunks to observe) and with fewer bytes on the wire than the body has.
		this.server = new WireMockServer(wireMockConfig().dynamicPort().gzipDisabled(true).extensions(arrivalCounter));
		this.server.start();
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
		return task.toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS);
	}

	/** Waits for the task to fail and returns why; fails the test if it succeeded or hung. */
	static WxNetworkException awaitFailure(RequestTask task) throws InterruptedException, TimeoutException {
		try {
			RequestSuccess success = task.toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS);
			throw new AssertionError("expected the task to fail, it succeeded with status " + success.statusCode()
					+ " and data " + success.data());
		}
		catch (ExecutionException ex) {
			assertThat(ex.getCause()).isInstanceOf(WxNetworkException.class);
			return (WxNetworkException) ex.getCause();
		}
		catch (CancellationException ex) {
			throw new AssertionError("the future was cancelled instead of failing with WxNetworkException", ex);
		}
	}

	/** Waits until WireMock has matched one more request (it is then inside any response delay). */
	void awaitArrival() throws InterruptedException {
		assertThat(this.arrivals.tryAcquire(WAIT_SECONDS, TimeUnit.SECONDS)).as("request reached WireMock").isTrue();
	}

	List<LoggedRequest> received() {
		return this.server.findAll(anyRequestedFor(anyUrl()));
	}

	LoggedRequest onlyRequest() {
		List<LoggedRequest> all = received();
		assertThat(all).hasSize(1);
		return all.get(0);
	}

}
