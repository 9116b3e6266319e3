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
		// WeChat's table: on a reused connection, connecting and the (skipped) look-up happened at fetchStart.
		assertThat(second.connectStart()).as("no connect on a reused socket").isEqualTo(second.fetchStart());
		assertThat(second.connectEnd()).isEqualTo(second.fetchStart());
		assertThat(second.domainLookupStart()).isEqualTo(second.fetchStart());
		assertThat(second.domainLookupEnd()).isEqualTo(second.fetchStart());
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

	@Test
	void anIpAddressNeedsNoLookupSoTheLookupHappensAtFetchStart() throws Exception {
		WxProfile profile = fetchProfile();
		assertThat(profile.socketReused()).isFalse();
		assertThat(profile.domainLookupStart()).isEqualTo(profile.fetchStart());
		assertThat(profile.domainLookupEnd()).isEqualTo(profile.fetchStart());
	}

	@Test
	void aNameIsLookedUpBetweenFetchStartAndConnectStart() throws Exception {
		WxProfile profile = await(request(RequestOptions.builder(url("/p")))).profile();
		assertThat(profile.domainLookupStart()).isGreaterThanOrEqualTo(profile.fetchStart());
		assertThat(profile.domainLookupEnd()).isGreaterThanOrEqualTo(profile.domainLookupStart())
			.isLessThanOrEqualTo(profile.connectStart());
	}

	@Test
	void redirectsOnTheSameHostAreTimedAndTheFinalHopIsTheFetch() throws Exception {
		this.server.stubFor(get("/hop").willReturn(aResponse().withStatus(302).withHeader("Location", "/p")));
		WxProfile profile = await(request(RequestOptions.builder(ipUrl("/hop")))).profile();
		assertThat(profile.redirectStart()).isPositive().isGreaterThanOrEqualTo(profile.invokeStart());
		assertThat(profile.redirectEnd()).isGreaterThanOrEqualTo(profile.redirectStart());
		assertThat(profile.fetchStart()).isGreaterThanOrEqualTo(profile.redirectEnd());
		// The final hop reused the redirect's connection: WeChat's rule puts its connect at fetchStart.
		assertThat(profile.socketReused()).isTrue();
		assertThat(profile.connectStart()).isEqualTo(profile.fetchStart());
	}

	@Test
	void aRedirectToAnotherHostLeavesTheRedirectTimesZero() throws Exception {
		this.server.stubFor(get("/away").willReturn(aResponse().withStatus(302).withHeader("Location", url("/p"))));
		WxProfile profile = await(request(RequestOptions.builder(ipUrl("/away")))).profile();
		assertThat(profile.redirectStart()).isZero();
		assertThat(profile.redirectEnd()).isZero();
		// The final hop to "localhost" is a new host: looked up, and a new connection.
		assertThat(profile.socketReused()).isFalse();
		assertThat(profile.fetchStart()).isGreaterThan(0).isLessThanOrEqualTo(profile.connectStart());
	}

	@Test
	void aSlowServerRaisesTheHttpRttEstimateAndTheNetType() throws Exception {
		this.server.stubFor(get("/slow").willReturn(aResponse().withFixedDelay(300).withBody("late")));
		WxProfile slow = await(request(RequestOptions.builder(ipUrl("/slow")))).profile();
		// One sample so far: the estimate is that request's wait for its first byte.
		assertThat(slow.httpRttEstimate()).isGreaterThanOrEqualTo(300);
		assertThat(slow.estimate_nettype()).as("Chromium calls an HTTP RTT of 272 ms or more 3G").isEqualTo("3g");
		WxProfile fast = fetchProfile();
		// A moving average: the fast reply pulls the estimate down by an eighth of the difference, not to zero.
		assertThat(fast.httpRttEstimate()).isLessThan(slow.httpRttEstimate())
			.isGreaterThanOrEqualTo(slow.httpRttEstimate() * 7 / 8 - 1);
	}

	@Test
	void theFirstConnectionGivesTheRttItsHandshakeAndSeedsTheTransportEstimate() throws Exception {
		WxProfile first = fetchProfile();
		assertThat(first.rtt()).isEqualTo(first.transportRttEstimate());
		assertThat(first.estimate_nettype()).isEqualTo("4g");
		// rtt is the handshake's nanoseconds rounded to ms; the two times are ms stamps truncated: one ms of slack.
		assertThat(first.rtt()).isLessThanOrEqualTo(first.connectEnd() - first.connectStart() + 1);
	}

	@Test
	void aLargeBodyGivesTheTasksThroughputAndTheHostsEstimate() throws Exception {
		byte[] body = incompressible(512 * 1024);
		this.server.stubFor(get("/large").willReturn(aResponse().withHeader("Content-Type", "application/octet-stream").withBody(body)));
		WxProfile profile = await(request(RequestOptions.builder(ipUrl("/large")).responseType(ResponseType.ARRAYBUFFER))).profile();
		assertThat(profile.throughputKbps()).isPositive();
		assertThat(profile.downstreamThroughputKbpsEstimate()).isEqualTo(profile.throughputKbps());
	}

	@Test
	void aChunkedBodyIsPacedByItsConsumerSoItLeavesTheThroughputEstimateUnknown() throws Exception {
		this.server.stubFor(get("/events").willReturn(aResponse().withBody(incompressible(256 * 1024))));
		WxProfile profile = await(request(RequestOptions.builder(ipUrl("/events")).enableChunked(true))).profile();
		assertThat(profile.throughputKbps()).as("the task's own rate is still told").isPositive();
		assertThat(profile.downstreamThroughputKbpsEstimate()).isZero();
	}

	@Test
	void aSmallBodyMeasuresLatencySoItLeavesTheThroughputEstimateUnknown() throws Exception {
		WxProfile profile = fetchProfile();
		assertThat(profile.downstreamThroughputKbpsEstimate()).isZero();
	}

	@Test
	void enableProfileFalseLeavesTheProfileNull() throws Exception {
		RequestSuccess success = await(request(RequestOptions.builder(ipUrl("/p")).enableProfile(false)));
		assertThat(success.statusCode()).isEqualTo(200);
		assertThat(success.profile()).isNull();
	}

}
