package io.github.wxnetwork.request;

import io.github.wxnetwork.RequestOptions;
import io.github.wxnetwork.RequestSuccess;
import io.github.wxnetwork.ResponseType;
import io.github.wxnetwork.WxMethod;
import io.github.wxnetwork.WxProfile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/** res.profile filled from OkHttp's call events. */
class RequestProfileTest extends RequestTestBase {

	private static final String BODY = "{\"profile\":\"" + "p".repeat(2000) + "\"}";

	private static byte[] incompressible(int length) {
		byte[] bytes = new byte[length];
		new java.util.Random(42).nextBytes(bytes);
		return bytes;
	}

	@BeforeEach
	void stubBody() {
		this.server.stubFor(any(urlEqualTo("/p")).willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(BODY)));
	}

	private WxProfile fetchProfile() throws Exception {
		return await(request(RequestOptions.builder(ipUrl("/p")))).profile();
	}

	@Test
	void theTimingsAreSetAndInOrder() throws Exception {
		long before = System.currentTimeMillis();
		WxProfile profile = fetchProfile();
		long after = System.currentTimeMillis();
		assertThat(profile.invokeStart()).isBetween(before, after);
		assertThat(profile.fetchStart()).isPositive().isGreaterThanOrEqualTo(profile.invokeStart());
		assertThat(profile.requestStart()).isPositive().isGreaterThanOrEqualTo(profile.fetchStart());
		assertThat(profile.requestEnd()).isGreaterThanOrEqualTo(profile.requestStart());
		assertThat(profile.responseStart()).isPositive().isGreaterThanOrEqualTo(profile.requestStart());
		assertThat(profile.responseEnd()).isPositive().isGreaterThanOrEqualTo(profile.responseStart()).isLessThanOrEqualTo(after);
	}

	@Test
	void theQueueTimesFrameTheWaitForASlot() throws Exception {
		WxProfile profile = fetchProfile();
		assertThat(profile.queueStart()).isPositive().isGreaterThanOrEqualTo(profile.invokeStart());
		assertThat(profile.queueEnd()).isGreaterThanOrEqualTo(profile.queueStart()).isLessThanOrEqualTo(profile.fetchStart());
	}

	@Test
	void aNewConnectionHasConnectTimesAndNoTls() throws Exception {
		WxProfile profile = fetchProfile();
		assertThat(profile.connectStart()).isPositive().isGreaterThanOrEqualTo(profile.fetchStart());
		assertThat(profile.connectEnd()).isGreaterThanOrEqualTo(profile.connectStart()).isLessThanOrEqualTo(profile.requestStart());
		assertThat(profile.SSLconnectionStart()).isZero();
		assertThat(profile.SSLconnectionEnd()).isZero();
		assertThat(profile.redirectStart()).isZero();
		assertThat(profile.redirectEnd()).isZero();
	}

	@Test
	void peerIpPortAndProtocolDescribeTheConnection() throws Exception {
		WxProfile profile = fetchProfile();
		assertThat(profile.peerIP()).isEqualTo("127.0.0.1");
		assertThat(profile.port()).isEqualTo(this.server.port());
		assertThat(profile.protocol()).isEqualTo("http1.1");
	}

	@Test
	void theSocketIsNewOnTheFirstRequestAndReusedOnTheNext() throws Exception {
		WxProfile first = fetchProfile();
		WxProfile second = fetchProfile();
		assertThat(first.socketReused()).isFalse();
		assertThat(second.socketReused()).isTrue();
		assertThat(second.connectStart()).as("no connect on a reused socket").isZero();
	}

	@Test
	void byteCountsCoverHeadersAndBody() throws Exception {
		WxProfile profile = fetchProfile();
		assertThat(profile.sendBytesCount()).isPositive();
		assertThat(profile.receivedBytedCount()).isGreaterThan(BODY.length());
	}

	@Test
	void receivedBytesCoverABinaryBody() throws Exception {
		byte[] body = incompressible(10_000);
		this.server.stubFor(get("/bin").willReturn(aResponse().withHeader("Content-Type", "application/octet-stream").withBody(body)));
		RequestSuccess success = await(request(RequestOptions.builder(ipUrl("/bin")).responseType(ResponseType.ARRAYBUFFER)));
		assertThat(((byte[]) success.data()).length).isEqualTo(body.length);
		assertThat(success.profile().receivedBytedCount()).isGreaterThanOrEqualTo(body.length);
	}

	@Test
	void sentBytesIncludeTheRequestBody() throws Exception {
		String data = "d".repeat(5000);
		RequestSuccess success = await(request(RequestOptions.builder(ipUrl("/p")).method(WxMethod.POST).data(data)));
		assertThat(success.profile().sendBytesCount()).isGreaterThan(data.length());
	}

	@Test
	void aRedirectSetsTheRedirectTimes() throws Exception {
		this.server.stubFor(get("/r").willReturn(aResponse().withStatus(302).withHeader("Location", "/p")));
		WxProfile profile = await(request(RequestOptions.builder(ipUrl("/r")))).profile();
		assertThat(profile.redirectStart()).isPositive();
		assertThat(profile.redirectEnd()).isGreaterThanOrEqualTo(profile.redirectStart())
			.isLessThanOrEqualTo(profile.responseEnd());
	}

}
