package io.github.wxnetwork.request;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.wxnetwork.RequestOptions;
import io.github.wxnetwork.RequestTask;
import io.github.wxnetwork.TaskState;
import io.github.wxnetwork.WxMethod;
import io.github.wxnetwork.WxNetworkException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/** How {@code data} reaches the server: the query string for GET/HEAD, the body for the others. */
class RequestDataRulesTest extends RequestTestBase {

	record Filter(String name, int page) {
	}

	record Item(String title, List<String> tags) {
	}

	/** Jackson cannot write it: its only property throws. */
	static final class Unwritable {

		public String getValue() {
			throw new IllegalStateException("no value here");
		}

	}

	@BeforeEach
	void stubEverything() {
		this.server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withBody("ok")));
	}

	private static Map<String, Object> ordered(Object... keysAndValues) {
		Map<String, Object> map = new LinkedHashMap<>();
		for (int i = 0; i < keysAndValues.length; i += 2) {
			map.put((String) keysAndValues[i], keysAndValues[i + 1]);
		}
		return map;
	}

	// --- GET and HEAD: the query string ---

	@Test
	void getDataIsEncodedLikeEncodeURIComponent() throws Exception {
		await(request(RequestOptions.builder(url("/q"))
			.data(ordered("q", "a b", "u", "中文", "r", "&=?/#+,;:@$", "n", 5, "b", true, "my key", "v"))));
		assertThat(onlyRequest().getUrl()).isEqualTo(
				"/q?q=a%20b&u=%E4%B8%AD%E6%96%87&r=%26%3D%3F%2F%23%2B%2C%3B%3A%40%24&n=5&b=true&my%20key=v");
	}

	@Test
	void getDataKeepsTheMarksEncodeURIComponentLeavesAlone() throws Exception {
		await(request(RequestOptions.builder(url("/q")).data(ordered("k", "!()*~-_.", "quote", "it's"))));
		LoggedRequest request = onlyRequest();
		// encodeURIComponent keeps ' too, but OkHttp's URL (like a browser's, per the WHATWG URL standard)
		// always percent-encodes it in a query; the form-body test shows our encoder keeps it.
		assertThat(request.getUrl()).matches("/q\\?k=!\\(\\)\\*~-_\\.&quote=it('|%27)s");
		assertThat(request.queryParameter("quote").firstValue()).isEqualTo("it's");
	}

	@Test
	void getDataIsAddedAfterTheUrlsOwnQueryPairs() throws Exception {
		await(request(RequestOptions.builder(url("/q?x=1&y=a%20b")).data(ordered("z", 2))));
		assertThat(onlyRequest().getUrl()).isEqualTo("/q?x=1&y=a%20b&z=2");
	}

	@Test
	void getDataWithNestedMapsAndListsSendsThemAsJson() throws Exception {
		await(request(RequestOptions.builder(url("/q"))
			.data(ordered("obj", ordered("a", 1), "arr", List.of(1, "x")))));
		LoggedRequest request = onlyRequest();
		assertThat(request.getUrl()).isEqualTo("/q?obj=%7B%22a%22%3A1%7D&arr=%5B1%2C%22x%22%5D");
		assertThat(request.queryParameter("obj").firstValue()).isEqualTo("{\"a\":1}");
		assertThat(request.queryParameter("arr").firstValue()).isEqualTo("[1,\"x\"]");
	}

	@Test
	void getDataMayBeARecordWhosePropertiesBecomeQueryPairs() throws Exception {
		await(request(RequestOptions.builder(url("/q")).data(new Filter("tea pot", 2))));
		assertThat(onlyRequest().getUrl()).isEqualTo("/q?name=tea%20pot&page=2");
	}

	@Test
	void getStringDataIsAppendedToTheQueryAsIs() throws Exception {
		await(request(RequestOptions.builder(url("/q?x=1")).data("a=1&b=two")));
		assertThat(onlyRequest().getUrl()).isEqualTo("/q?x=1&a=1&b=two");
	}

	@Test
	void anEmptyMapAddsNoQuery() throws Exception {
		await(request(RequestOptions.builder(url("/q")).data(Map.of())));
		assertThat(onlyRequest().getUrl()).isEqualTo("/q");
	}

	@Test
	void headDataGoesIntoTheQueryStringToo() throws Exception {
		await(request(RequestOptions.builder(url("/h")).method(WxMethod.HEAD).data(ordered("a", "b c"))));
		LoggedRequest request = onlyRequest();
		assertThat(request.getMethod().getName()).isEqualTo("HEAD");
		assertThat(request.getUrl()).isEqualTo("/h?a=b%20c");
	}

	@Test
	void getSendsNoBody() throws Exception {
		await(request(RequestOptions.builder(url("/q")).data(ordered("a", 1))));
		assertThat(onlyRequest().getBody()).isEmpty();
	}

	@Test
	void binaryDataWithGetFailsTheTask() throws Exception {
		RequestTask task = request(RequestOptions.builder(url("/q")).data(new byte[] { 1, 2 }));
		assertThat(awaitFailure(task).errMsg()).startsWith("request:fail invalid data: ");
		assertThat(received()).isEmpty();
	}

	@Test
	void unserialisableGetDataFailsTheTaskWithInvalidData() throws Exception {
		RequestTask task = request(RequestOptions.builder(url("/q")).data(new Unwritable()));
		WxNetworkException failure = awaitFailure(task);
		assertThat(failure.errMsg()).startsWith("request:fail invalid data: ");
		assertThat(received()).isEmpty();
	}

	// --- POST, PUT, DELETE, ...: the body ---

	@Test
	void postDataIsJsonByDefaultWithContentTypeApplicationJson() throws Exception {
		await(request(RequestOptions.builder(url("/p")).method(WxMethod.POST)
			.data(ordered("a", "b", "n", 1, "nested", ordered("list", List.of(true, false))))));
		LoggedRequest request = onlyRequest();
		assertThat(request.getHeader("Content-Type")).isEqualTo("application/json");
		assertThat(request.getBodyAsString()).isEqualTo("{\"a\":\"b\",\"n\":1,\"nested\":{\"list\":[true,false]}}");
	}

	@Test
	void putDataMayBeARecordSentAsJson() throws Exception {
		await(request(RequestOptions.builder(url("/p")).method(WxMethod.PUT).data(new Item("cup", List.of("x", "y")))));
		LoggedRequest request = onlyRequest();
		assertThat(request.getMethod().getName()).isEqualTo("PUT");
		assertThat(request.getBodyAsString()).isEqualTo("{\"title\":\"cup\",\"tags\":[\"x\",\"y\"]}");
	}

	@Test
	void formContentTypeSendsEncodedPairsAsTheBody() throws Exception {
		await(request(RequestOptions.builder(url("/f")).method(WxMethod.POST)
			.header("content-type", "application/x-www-form-urlencoded; charset=UTF-8")
			.data(ordered("a", "1 2", "b", "x&y=z", "c", "中", "d", "!'()*~", "n", 7))));
		LoggedRequest request = onlyRequest();
		assertThat(request.getHeader("Content-Type")).isEqualTo("application/x-www-form-urlencoded; charset=UTF-8");
		assertThat(request.getBodyAsString()).isEqualTo("a=1%202&b=x%26y%3Dz&c=%E4%B8%AD&d=!'()*~&n=7");
	}

	@Test
	void formBodyJsonEncodesNestedValues() throws Exception {
		await(request(RequestOptions.builder(url("/f")).method(WxMethod.POST)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.data(ordered("o", ordered("k", "v"), "l", List.of(1, 2)))));
		assertThat(onlyRequest().getBodyAsString()).isEqualTo("o=%7B%22k%22%3A%22v%22%7D&l=%5B1%2C2%5D");
	}

	@Test
	void stringDataIsSentAsIsNotJsonQuoted() throws Exception {
		await(request(RequestOptions.builder(url("/p")).method(WxMethod.POST).data("{\"already\":\"json\"} & raw")));
		LoggedRequest request = onlyRequest();
		assertThat(request.getBodyAsString()).isEqualTo("{\"already\":\"json\"} & raw");
		assertThat(request.getHeader("Content-Type")).isEqualTo("application/json");
	}

	@Test
	void stringDataKeepsTheCallersContentType() throws Exception {
		await(request(RequestOptions.builder(url("/p")).method(WxMethod.POST)
			.header("Content-Type", "text/plain")
			.data("plain text, 中文")));
		LoggedRequest request = onlyRequest();
		assertThat(request.getHeader("Content-Type")).isEqualTo("text/plain");
		assertThat(request.getBody()).isEqualTo("plain text, 中文".getBytes(StandardCharsets.UTF_8));
	}

	@Test
	void byteArrayDataIsSentAsIs() throws Exception {
		byte[] bytes = new byte[256];
		for (int i = 0; i < bytes.length; i++) {
			bytes[i] = (byte) i;
		}
		await(request(RequestOptions.builder(url("/p")).method(WxMethod.POST)
			.header("Content-Type", "application/octet-stream")
			.data(bytes)));
		assertThat(onlyRequest().getBody()).isEqualTo(bytes);
	}

	@Test
	void byteBufferDataSendsItsRemainingBytesAndKeepsItsPosition() throws Exception {
		ByteBuffer buffer = ByteBuffer.wrap(new byte[] { 9, 8, 7, 6, 5, 4 });
		buffer.position(2).limit(5);
		await(request(RequestOptions.builder(url("/p")).method(WxMethod.PUT)
			.header("Content-Type", "application/octet-stream")
			.data(buffer)));
		assertThat(onlyRequest().getBody()).containsExactly(7, 6, 5);
		assertThat(buffer.position()).isEqualTo(2);
		assertThat(buffer.limit()).isEqualTo(5);
	}

	@Test
	void unserialisableBodyDataFailsTheTaskWithInvalidDataInsteadOfThrowing() throws Exception {
		RequestTask[] task = new RequestTask[1];
		assertThatCode(() -> task[0] = request(RequestOptions.builder(url("/p")).method(WxMethod.POST)
			.data(new Unwritable()))).doesNotThrowAnyException();
		WxNetworkException failure = awaitFailure(task[0]);
		assertThat(failure.errMsg()).startsWith("request:fail invalid data: ");
		assertThat(task[0].state()).isEqualTo(TaskState.FAILED);
		assertThat(received()).isEmpty();
	}

	@Test
	void postWithoutDataSendsAnEmptyBody() throws Exception {
		await(request(RequestOptions.builder(url("/p")).method(WxMethod.POST)));
		LoggedRequest request = onlyRequest();
		assertThat(request.getMethod().getName()).isEqualTo("POST");
		assertThat(request.getBody()).isEmpty();
		assertThat(request.getHeader("Content-Length")).isEqualTo("0");
	}

	@Test
	void deleteMayCarryAJsonBody() throws Exception {
		await(request(RequestOptions.builder(url("/d")).method(WxMethod.DELETE).data(ordered("id", 3))));
		LoggedRequest request = onlyRequest();
		assertThat(request.getMethod().getName()).isEqualTo("DELETE");
		assertThat(request.getBodyAsString()).isEqualTo("{\"id\":3}");
	}

}
