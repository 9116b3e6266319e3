package io.github.wxnetwork.request;

import io.github.wxnetwork.WxErrno;
import java.net.InetAddress;
import java.net.ServerSocket;

import com.github.tomakehurst.wiremock.http.Fault;
import io.github.wxnetwork.RequestOptions;
import io.github.wxnetwork.RequestTask;
import io.github.wxnetwork.TaskState;
import io.github.wxnetwork.WxNetworkException;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static org.assertj.core.api.Assertions.assertThat;

/** Connection and protocol errors: errno 600001 with the cause's message. */
class RequestFailuresTest extends RequestTestBase {

	private static int closedPort() throws Exception {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

	@Test
	void aRefusedConnectionFailsWith600001AndTheCausesMessage() throws Exception {
		RequestTask task = request(RequestOptions.builder("http://127.0.0.1:" + closedPort() + "/x"));
		WxNetworkException failure = awaitFailure(task);
		assertThat(failure.errno()).isEqualTo(WxErrno.NETWORK_ERROR);
		assertThat(failure.getCause()).isNotNull();
		assertThat(failure.getCause().getMessage()).isNotBlank();
		assertThat(failure.errMsg()).isEqualTo("request:fail " + failure.getCause().getMessage());
		assertThat(task.state()).isEqualTo(TaskState.FAILED);
	}

	@Test
	void anEmptyResponseFailsWith600001() throws Exception {
		this.server.stubFor(get("/x").willReturn(aResponse().withFault(Fault.EMPTY_RESPONSE)));
		WxNetworkException failure = awaitFailure(request(RequestOptions.builder(url("/x"))));
		assertThat(failure.errno()).isEqualTo(WxErrno.NETWORK_ERROR);
		assertThat(failure.errMsg()).startsWith("request:fail ").isNotEqualTo("request:fail timeout");
	}

	@Test
	void aConnectionResetMidBodyFailsWith600001() throws Exception {
		this.server.stubFor(get("/x").willReturn(aResponse().withFault(Fault.RANDOM_DATA_THEN_CLOSE)));
		RequestTask task = request(RequestOptions.builder(url("/x")));
		WxNetworkException failure = awaitFailure(task);
		assertThat(failure.errno()).isEqualTo(WxErrno.NETWORK_ERROR);
		assertThat(failure.errMsg()).isEqualTo("request:fail " + failure.getCause().getMessage());
		assertThat(task.state()).isEqualTo(TaskState.FAILED);
	}

	@Test
	void aMalformedChunkFailsWith600001() throws Exception {
		this.server.stubFor(get("/x").willReturn(aResponse().withFault(Fault.MALFORMED_RESPONSE_CHUNK)));
		WxNetworkException failure = awaitFailure(request(RequestOptions.builder(url("/x"))));
		assertThat(failure.errno()).isEqualTo(WxErrno.NETWORK_ERROR);
	}

}
