package io.github.wxnetwork.request;

import io.github.wxnetwork.WxErrno;
import java.util.Map;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.wxnetwork.RequestOptions;
import io.github.wxnetwork.RequestSuccess;
import io.github.wxnetwork.RequestTask;
import io.github.wxnetwork.TaskState;
import io.github.wxnetwork.WxMethod;
import io.github.wxnetwork.WxNetworkException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static org.assertj.core.api.Assertions.assertThat;

/** Request headers the caller may and may not send; response headers and cookies as handed back. */
class RequestHeadersTest extends RequestTestBase {

	@BeforeEach
	void stubEverything() {
		this.server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withBody("ok")));
	}

	// --- response headers ---

	@Test
	void theResponseHeaderMapIsCaseInsensitive() throws Exception {
		this.server.stubFor(get("/h").willReturn(aResponse().withHeader("X-Custom-Thing", "v1").withBody("ok")));
		Map<String, String> header = await(request(RequestOptions.builder(url("/h")))).header();
		assertThat(header.get("x-custom-thing")).isEqualTo("v1");
		assertThat(header.get("X-CUSTOM-THING")).isEqualTo("v1");
		assertThat(header.get("X-Custom-Thing")).isEqualTo("v1");
		assertThat(header.containsKey("x-CUSTOM-thing")).isTrue();
	}

	@Test
	void aRepeatedResponseHeaderHasItsValuesJoinedWithAComma() throws Exception {
		this.server.stubFor(get("/h").willReturn(aResponse().withHeader("X-Multi", "a", "b", "c").withBody("ok")));
		assertThat(await(request(RequestOptions.builder(url("/h")))).header().get("x-multi")).isEqualTo("a,b,c");
	}

	@Test
	void everySetCookieIsListedInCookies() throws Exception {
		this.server.stubFor(get("/h").willReturn(
				aResponse().withHeader("Set-Cookie", "a=1; Path=/; HttpOnly", "b=2", "c=3; Max-Age=60").withBody("ok")));
		RequestSuccess success = await(request(RequestOptions.builder(url("/h"))));
		assertThat(success.cookies()).containsExactly("a=1; Path=/; HttpOnly", "b=2", "c=3; Max-Age=60");
	}

	@Test
	void withoutSetCookieCookiesIsEmpty() throws Exception {
		assertThat(await(request(RequestOptions.builder(url("/h")))).cookies()).isEmpty();
	}

	// --- request headers ---

	@Test
	void customHeadersReachTheServer() throws Exception {
		await(request(RequestOptions.builder(url("/h"))
			.header("X-Trace-Id", "abc-123")
			.headers(Map.of("Accept", "application/json", "X-Empty", ""))));
		LoggedRequest request = onlyRequest();
		assertThat(request.getHeader("X-Trace-Id")).isEqualTo("abc-123");
		assertThat(request.getHeader("Accept")).isEqualTo("application/json");
		assertThat(request.containsHeader("X-Empty")).isTrue();
	}

	@Test
	void theCallersContentTypeReplacesTheJsonDefault() throws Exception {
		await(request(RequestOptions.builder(url("/h")).method(WxMethod.POST)
			.header("content-type", "application/xml")
			.data("<a/>")));
		assertThat(onlyRequest().getHeader("Content-Type")).isEqualTo("application/xml");
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "Referer", "referer", "REFERER", "Host", "Content-Length", "Connection", "transfer-encoding" })
	void aForbiddenHeaderFailsTheTaskWithInvalidHeader(String name) throws Exception {
		RequestTask task = request(RequestOptions.builder(url("/h")).header(name, "x"));
		WxNetworkException failure = awaitFailure(task);
		assertThat(failure.errMsg()).isEqualTo("request:fail invalid header " + name);
		assertThat(failure.errno()).isEqualTo(WxErrno.INVALID_HEADER);
		assertThat(task.state()).isEqualTo(TaskState.FAILED);
		assertThat(received()).isEmpty();
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "v\r\nX-Injected: 1", "v\nX-Injected: 1", "v\r" })
	void aLineBreakInAHeaderValueFailsTheTask(String value) throws Exception {
		RequestTask task = request(RequestOptions.builder(url("/h")).header("X-A", value));
		WxNetworkException failure = awaitFailure(task);
		assertThat(failure.errMsg()).isEqualTo("request:fail invalid header X-A");
		assertThat(failure.errno()).isEqualTo(WxErrno.INVALID_HEADER);
		assertThat(received()).isEmpty();
	}

	@Test
	void aLineBreakInAHeaderNameFailsTheTaskWithoutForgingTheErrMsg() throws Exception {
		RequestTask task = request(RequestOptions.builder(url("/h")).header("X-A\r\nX-B", "v"));
		WxNetworkException failure = awaitFailure(task);
		assertThat(failure.errMsg()).startsWith("request:fail invalid header X-A").doesNotContain("\r").doesNotContain("\n");
		assertThat(failure.errno()).isEqualTo(WxErrno.INVALID_HEADER);
		assertThat(received()).isEmpty();
	}

	@Test
	void aNonAsciiHeaderValueFailsTheTaskInsteadOfThrowing() throws Exception {
		RequestTask task = request(RequestOptions.builder(url("/h")).header("X-Name", "中文"));
		WxNetworkException failure = awaitFailure(task);
		assertThat(failure.errMsg()).isEqualTo("request:fail invalid header X-Name");
		assertThat(failure.errno()).isEqualTo(WxErrno.INVALID_HEADER);
		assertThat(received()).isEmpty();
	}

	@Test
	void aNullHeaderValueFailsTheTask() throws Exception {
		WxNetworkException failure = awaitFailure(request(RequestOptions.builder(url("/h")).header("X-Null", null)));
		assertThat(failure.errMsg()).isEqualTo("request:fail invalid header X-Null");
		assertThat(failure.errno()).isEqualTo(WxErrno.INVALID_HEADER);
	}

	@Test
	void aHeaderNameOutsideHttpsGrammarFailsTheTask() throws Exception {
		RequestTask task = request(RequestOptions.builder(url("/h")).header("Bad Name", "v"));
		WxNetworkException failure = awaitFailure(task);
		assertThat(failure.errMsg()).isEqualTo("request:fail invalid header Bad Name");
		assertThat(failure.errno()).isEqualTo(WxErrno.INVALID_HEADER);
	}

}
