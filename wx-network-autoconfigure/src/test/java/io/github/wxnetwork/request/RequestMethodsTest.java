package io.github.wxnetwork.request;

import io.github.wxnetwork.RequestOptions;
import io.github.wxnetwork.RequestSuccess;
import io.github.wxnetwork.RequestTask;
import io.github.wxnetwork.TaskState;
import io.github.wxnetwork.WxMethod;
import io.github.wxnetwork.WxNetworkException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

class RequestMethodsTest extends RequestTestBase {

	private void stubAnyMethod() {
		this.server.stubFor(any(urlEqualTo("/m")).willReturn(aResponse().withStatus(200).withBody("ok")));
	}

	@ParameterizedTest(name = "{0}")
	@EnumSource(value = WxMethod.class, names = { "OPTIONS", "GET", "HEAD", "POST", "PUT", "DELETE", "TRACE" })
	void eachSupportedMethodReachesTheServerAsThatMethod(WxMethod method) throws Exception {
		stubAnyMethod();
		RequestSuccess success = await(request(RequestOptions.builder(url("/m")).method(method)));
		assertThat(success.statusCode()).isEqualTo(200);
		assertThat(onlyRequest().getMethod().getName()).isEqualTo(method.name());
	}

	@Test
	void theDefaultMethodIsGet() throws Exception {
		stubAnyMethod();
		await(request(RequestOptions.builder(url("/m"))));
		assertThat(onlyRequest().getMethod().getName()).isEqualTo("GET");
	}

	@ParameterizedTest(name = "\"{0}\"")
	@ValueSource(strings = { "post", "Post", " POST " })
	void aMethodNameInAnyCaseIsAccepted(String name) throws Exception {
		stubAnyMethod();
		RequestSuccess success = await(request(RequestOptions.builder(url("/m")).method(name)));
		assertThat(success.data()).isEqualTo("ok");
		assertThat(onlyRequest().getMethod().getName()).isEqualTo("POST");
	}

	@Test
	void connectFailsWithAClearErrMsgAndNeverReachesTheServer() throws Exception {
		stubAnyMethod();
		RequestTask task = request(RequestOptions.builder(url("/m")).method(WxMethod.CONNECT));
		WxNetworkException failure = awaitFailure(task);
		assertThat(failure.errMsg()).startsWith("request:fail ").contains("CONNECT");
		assertThat(task.state()).isEqualTo(TaskState.FAILED);
		assertThat(received()).isEmpty();
	}

	@Test
	void anUnknownMethodFailsTheTaskInsteadOfThrowing() throws Exception {
		stubAnyMethod();
		RequestTask[] task = new RequestTask[1];
		assertThatCode(() -> task[0] = request(RequestOptions.builder(url("/m")).method("FETCH")))
			.doesNotThrowAnyException();
		WxNetworkException failure = awaitFailure(task[0]);
		assertThat(failure.errMsg()).isEqualTo("request:fail invalid method \"FETCH\"");
		assertThat(task[0].state()).isEqualTo(TaskState.FAILED);
		assertThat(received()).isEmpty();
	}

	@Test
	void aNullMethodFailsTheTaskWithErrMsg() throws Exception {
		RequestTask task = request(RequestOptions.builder(url("/m")).method((String) null));
		assertThat(awaitFailure(task).errMsg()).isEqualTo("request:fail invalid method \"null\"");
	}

}
