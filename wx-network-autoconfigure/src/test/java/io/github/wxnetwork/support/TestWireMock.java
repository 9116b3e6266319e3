package io.github.wxnetwork.support;

import java.util.List;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.extension.Extension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The WireMock server the request and transfer behaviour tests run against, and what they ask it about
 * the requests it received.
 */
public final class TestWireMock {

	private TestWireMock() {
	}

	/**
	 * Starts a WireMock server on a dynamic port with the given extensions (an {@link Arrivals}, say) and
	 * without gzip: OkHttp asks for it transparently, and a gzipped body reaches the client in one piece
	 * (no chunks to observe) and with fewer bytes on the wire than the body has, so Content-Length would
	 * not be what the stub says.
	 */
	public static WireMockServer start(Extension... extensions) {
		WireMockServer server = new WireMockServer(
				wireMockConfig().dynamicPort().gzipDisabled(true).extensions(extensions));
		server.start();
		return server;
	}

	/** Every request the server has received, in order. */
	public static List<LoggedRequest> received(WireMockServer server) {
		return server.findAll(anyRequestedFor(anyUrl()));
	}

	/** The one request the server has received; fails the test if it received none or more. */
	public static LoggedRequest onlyRequest(WireMockServer server) {
		List<LoggedRequest> all = received(server);
		assertThat(all).hasSize(1);
		return all.get(0);
	}

}
