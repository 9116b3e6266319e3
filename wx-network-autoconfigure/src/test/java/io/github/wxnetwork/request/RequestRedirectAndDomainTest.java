package io.github.wxnetwork.request;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.wxnetwork.RequestOptions;
import io.github.wxnetwork.RequestSuccess;
import io.github.wxnetwork.RequestTask;
import io.github.wxnetwork.TaskState;
import io.github.wxnetwork.WxErrno;
import io.github.wxnetwork.WxNetworkException;
import io.github.wxnetwork.support.WxTestKit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which URLs a request may use: absolute http(s) only, hosts on the allow-list only (every redirect
 * hop re-checked), https only when required. {@code localhost} and {@code 127.0.0.1} are two hosts
 * for the allow-list but the same WireMock server.
 */
class RequestRedirectAndDomainTest extends RequestTestBase {

	@BeforeEach
	void stubTarget() {
		this.server.stubFor(get("/target").willReturn(aResponse().withBody("arrived")));
	}

	private void redirect(String from, String location) {
		this.server.stubFor(get(from).willReturn(aResponse().withStatus(302).withHeader("Location", location)));
	}

	@ParameterizedTest(name = "\"{0}\"")
	@NullSource
	@ValueSource(strings = { "", "   ", "/relative/path", "relative", "ftp://example.com/file", "mailto:a@b.c",
			"http://", "http://exa mple.com/" })
	void anInvalidUrlFailsWithTheExactErrMsgAnd600009(String url) throws Exception {
		RequestTask task = request(RequestOptions.builder(url));
		WxNetworkException failure = awaitFailure(task);
		assertThat(failure.errMsg()).isEqualTo("request:fail invalid url \"" + url + "\"");
		assertThat(failure.errno()).isEqualTo(WxErrno.INVALID_URL);
		assertThat(task.state()).isEqualTo(TaskState.FAILED);
	}

	@Test
	void aHostNotOnTheAllowListFailsWith600002AndTheServerGetsNothing() throws Exception {
		useKit(WxTestKit.builder().allowedDomains("api.example.com"));
		RequestTask task = request(RequestOptions.builder(url("/target")));
		WxNetworkException failure = awaitFailure(task);
		assertThat(failure.errMsg()).isEqualTo("request:fail url not in domain list");
		assertThat(failure.errno()).isEqualTo(WxErrno.URL_NOT_IN_DOMAIN_LIST);
		assertThat(received()).isEmpty();
	}

	@Test
	void aHostOnTheAllowListIsReached() throws Exception {
		useKit(WxTestKit.builder().allowedDomains("api.example.com", "localhost"));
		assertThat(await(request(RequestOptions.builder(url("/target")))).data()).isEqualTo("arrived");
	}

	@Test
	void allowListEntriesIgnoreCaseSchemeAndPort() throws Exception {
		useKit(WxTestKit.builder().allowedDomains("HTTPS://LocalHost:1/"));
		assertThat(await(request(RequestOptions.builder(url("/target")))).data()).isEqualTo("arrived");
	}

	@Test
	void anotherHostOfTheSameServerIsStillRefused() throws Exception {
		useKit(WxTestKit.builder().allowedDomains("localhost"));
		WxNetworkException failure = awaitFailure(request(RequestOptions.builder(ipUrl("/target"))));
		assertThat(failure.errno()).isEqualTo(WxErrno.URL_NOT_IN_DOMAIN_LIST);
		assertThat(received()).isEmpty();
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "http://evil-example.com/", "http://example.com.evil.org/", "http://example.com/" })
	void aWildcardEntryAllowsOnlyRealSubdomains(String url) throws Exception {
		useKit(WxTestKit.builder().allowedDomains("*.example.com"));
		WxNetworkException failure = awaitFailure(request(RequestOptions.builder(url)));
		assertThat(failure.errMsg()).isEqualTo("request:fail url not in domain list");
		assertThat(failure.errno()).isEqualTo(WxErrno.URL_NOT_IN_DOMAIN_LIST);
	}

	@Test
	void aRedirectToAHostNotOnTheAllowListFailsWith600002BeforeReachingIt() throws Exception {
		useKit(WxTestKit.builder().allowedDomains("localhost"));
		redirect("/start", ipUrl("/target"));
		RequestTask task = request(RequestOptions.builder(url("/start")));
		WxNetworkException failure = awaitFailure(task);
		assertThat(failure.errMsg()).isEqualTo("request:fail url not in domain list");
		assertThat(failure.errno()).isEqualTo(WxErrno.URL_NOT_IN_DOMAIN_LIST);
		assertThat(task.state()).isEqualTo(TaskState.FAILED);
		this.server.verify(1, getRequestedFor(urlEqualTo("/start")));
		this.server.verify(0, getRequestedFor(urlEqualTo("/target")));
	}

	@Test
	void aRedirectToAnAllowedHostIsFollowed() throws Exception {
		useKit(WxTestKit.builder().allowedDomains("localhost", "127.0.0.1"));
		redirect("/start", ipUrl("/target"));
		RequestSuccess success = await(request(RequestOptions.builder(url("/start"))));
		assertThat(success.statusCode()).isEqualTo(200);
		assertThat(success.data()).isEqualTo("arrived");
		this.server.verify(1, getRequestedFor(urlEqualTo("/target")));
	}

	@Test
	void aChainOfRedirectsIsFollowedWithoutAnAllowList() throws Exception {
		redirect("/one", "/two");
		redirect("/two", ipUrl("/target"));
		RequestSuccess success = await(request(RequestOptions.builder(url("/one"))));
		assertThat(success.data()).isEqualTo("arrived");
		this.server.verify(1, getRequestedFor(urlEqualTo("/two")));
	}

	@Test
	void requireHttpsRefusesAPlainHttpUrl() throws Exception {
		useKit(WxTestKit.builder().requireHttps(true));
		String url = url("/target");
		RequestTask task = request(RequestOptions.builder(url));
		WxNetworkException failure = awaitFailure(task);
		assertThat(failure.errMsg()).isEqualTo("request:fail invalid url \"" + url + "\"");
		assertThat(failure.errno()).isEqualTo(WxErrno.INVALID_URL);
		assertThat(received()).isEmpty();
	}

	@Test
	void credentialsSetByHandStayOnTheirOriginAcrossARedirect() throws Exception {
		redirect("/same", "/target");
		redirect("/away", ipUrl("/target"));
		await(request(RequestOptions.builder(url("/same")).header("Authorization", "Bearer t").header("Cookie", "s=1")));
		LoggedRequest sameOrigin = this.server.findAll(getRequestedFor(urlEqualTo("/target"))).get(0);
		assertThat(sameOrigin.getHeader("Authorization")).isEqualTo("Bearer t");
		assertThat(sameOrigin.getHeader("Cookie")).isEqualTo("s=1");
		this.server.resetRequests();
		await(request(RequestOptions.builder(url("/away")).header("Authorization", "Bearer t").header("Cookie", "s=1")));
		LoggedRequest otherOrigin = this.server.findAll(getRequestedFor(urlEqualTo("/target"))).get(0);
		assertThat(otherOrigin.containsHeader("Authorization")).isFalse();
		assertThat(otherOrigin.containsHeader("Cookie")).isFalse();
	}

	@Test
	void aPostRedirectedBy303BecomesABodilessGetAnd307KeepsMethodAndBody() throws Exception {
		this.server.stubFor(post("/see-other").willReturn(aResponse().withStatus(303).withHeader("Location", "/target")));
		this.server.stubFor(post("/temporary").willReturn(aResponse().withStatus(307).withHeader("Location", "/kept")));
		this.server.stubFor(post("/kept").willReturn(aResponse().withBody("posted")));
		assertThat(await(request(RequestOptions.builder(url("/see-other")).method("POST").data("{\"a\":1}"))).data())
			.isEqualTo("arrived");
		assertThat(this.server.findAll(getRequestedFor(urlEqualTo("/target"))).get(0).getBodyAsString()).isEmpty();
		assertThat(await(request(RequestOptions.builder(url("/temporary")).method("POST").data("{\"a\":1}"))).data())
			.isEqualTo("posted");
		assertThat(this.server.findAll(postRequestedFor(urlEqualTo("/kept"))).get(0).getBodyAsString())
			.isEqualTo("{\"a\":1}");
	}

	@Test
	void moreThanTwentyRedirectsFail() throws Exception {
		for (int i = 0; i < 21; i++) {
			redirect("/loop" + i, "/loop" + (i + 1));
		}
		WxNetworkException failure = awaitFailure(request(RequestOptions.builder(url("/loop0"))));
		assertThat(failure.errMsg()).isEqualTo("request:fail Too many follow-up requests: 21");
		assertThat(failure.errno()).isEqualTo(WxErrno.NETWORK_ERROR);
		this.server.verify(0, getRequestedFor(urlEqualTo("/loop21")));
	}

}
