package io.github.wxnetwork.request;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import io.github.wxnetwork.RequestOptions;
import io.github.wxnetwork.RequestSuccess;
import io.github.wxnetwork.ResponseType;
import io.github.wxnetwork.RequestTask;
import io.github.wxnetwork.TaskState;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How the response becomes {@code data}: by dataType and responseType, whatever the status. */
class RequestResponseDecodingTest extends RequestTestBase {

	record User(String name, int age, List<String> roles) {
	}

	private static final byte[] BOM = { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF };

	private void respond(ResponseDefinitionBuilder response) {
		this.server.stubFor(get("/r").willReturn(response));
	}

	private void respondJson(String body) {
		respond(aResponse().withHeader("Content-Type", "application/json").withBody(body));
	}

	private RequestSuccess fetch() throws Exception {
		return await(request(RequestOptions.builder(url("/r"))));
	}

	private static byte[] concat(byte[]... parts) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		for (byte[] part : parts) {
			out.writeBytes(part);
		}
		return out.toByteArray();
	}

	@Test
	void aJsonObjectBecomesAMap() throws Exception {
		respondJson("{\"name\":\"wx\",\"n\":1,\"ok\":true,\"list\":[1,2],\"none\":null}");
		RequestSuccess success = fetch();
		assertThat(success.data()).isInstanceOf(Map.class);
		Map<?, ?> data = (Map<?, ?>) success.data();
		assertThat(data.get("name")).isEqualTo("wx");
		assertThat(data.get("n")).isEqualTo(1);
		assertThat(data.get("ok")).isEqualTo(true);
		assertThat(data.get("list")).isEqualTo(List.of(1, 2));
		assertThat(data.containsKey("none")).isTrue();
		assertThat(data.get("none")).isNull();
		assertThat(success.errMsg()).isEqualTo("request:ok");
	}

	@Test
	void aJsonArrayBecomesAList() throws Exception {
		respondJson("[1,\"a\",true,null,{\"k\":\"v\"}]");
		assertThat(fetch().data()).isEqualTo(Arrays.asList(1, "a", true, null, Map.of("k", "v")));
	}

	@Test
	void aJsonNumberBodyBecomesANumberNotAString() throws Exception {
		respond(aResponse().withHeader("Content-Type", "text/plain").withBody("123"));
		assertThat(fetch().data()).isEqualTo(123);
	}

	@Test
	void aDecimalNumberBodyBecomesADouble() throws Exception {
		respondJson("1.5");
		assertThat(fetch().data()).isEqualTo(1.5d);
	}

	@Test
	void aJsonBooleanBodyBecomesABoolean() throws Exception {
		respondJson("true");
		assertThat(fetch().data()).isEqualTo(Boolean.TRUE);
	}

	@Test
	void aJsonNullBodyBecomesNull() throws Exception {
		respondJson("null");
		RequestSuccess success = fetch();
		assertThat(success.data()).isNull();
		assertThat(success.statusCode()).isEqualTo(200);
	}

	@Test
	void aQuotedJsonStringBecomesTheStringItself() throws Exception {
		respondJson("\"hello\"");
		assertThat(fetch().data()).isEqualTo("hello");
	}

	@Test
	void invalidJsonKeepsTheBodyAsAString() throws Exception {
		respondJson("{not json");
		assertThat(fetch().data()).isEqualTo("{not json");
	}

	@Test
	void jsonFollowedByGarbageIsNotJsonAndStaysAString() throws Exception {
		respondJson("{\"a\":1} trailing");
		assertThat(fetch().data()).isEqualTo("{\"a\":1} trailing");
	}

	@Test
	void anEmptyBodyGivesAnEmptyString() throws Exception {
		respond(aResponse().withStatus(200).withHeader("Content-Type", "application/json"));
		assertThat(fetch().data()).isEqualTo("");
	}

	@Test
	void oneLeadingBomIsStrippedBeforeParsing() throws Exception {
		respond(aResponse().withHeader("Content-Type", "application/json")
			.withBody(concat(BOM, "{\"a\":1}".getBytes(StandardCharsets.UTF_8))));
		assertThat(fetch().data()).isEqualTo(Map.of("a", 1));
	}

	@Test
	void onlyOneBomIsStrippedSoTwoLeaveAString() throws Exception {
		respond(aResponse().withHeader("Content-Type", "application/json")
			.withBody(concat(BOM, BOM, "{\"a\":1}".getBytes(StandardCharsets.UTF_8))));
		Object data = fetch().data();
		assertThat(data).isInstanceOf(String.class);
		assertThat((String) data).endsWith("\uFEFF{\"a\":1}");
	}

	@Test
	void jsonInUtf16LabelledUtf8IsReadAsUtf8AndStaysText() throws Exception {
		// Jackson alone would detect UTF-16 from the bytes and parse it; WeChat reads the declared UTF-8.
		byte[] utf16 = "{\"a\":1}".getBytes(StandardCharsets.UTF_16LE);
		respond(aResponse().withHeader("Content-Type", "application/json; charset=utf-8").withBody(utf16));
		assertThat(fetch().data()).isEqualTo(new String(utf16, StandardCharsets.UTF_8));
	}

	@Test
	void jsonInADeclaredCharsetOtherThanUtf8IsDecodedThenParsed() throws Exception {
		respond(aResponse().withHeader("Content-Type", "application/json; charset=ISO-8859-1")
			.withBody("{\"name\":\"caf\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1)));
		assertThat(fetch().data()).isEqualTo(Map.of("name", "caf\u00e9"));
	}

	@Test
	void dataTypeOtherThanJsonLeavesTheBodyAString() throws Exception {
		respondJson("{\"a\":1}");
		RequestSuccess success = await(request(RequestOptions.builder(url("/r")).dataType("text")));
		assertThat(success.data()).isEqualTo("{\"a\":1}");
	}

	@Test
	void dataTypeTextKeepsANumberBodyAString() throws Exception {
		respondJson("123");
		RequestSuccess success = await(request(RequestOptions.builder(url("/r")).dataType("text")));
		assertThat(success.data()).isEqualTo("123");
	}

	@Test
	void arrayBufferGivesTheExactBytesEvenOfABinaryBody() throws Exception {
		byte[] bytes = new byte[512];
		for (int i = 0; i < bytes.length; i++) {
			bytes[i] = (byte) (i * 7);
		}
		respond(aResponse().withHeader("Content-Type", "application/octet-stream").withBody(bytes));
		RequestSuccess success = await(request(RequestOptions.builder(url("/r")).responseType(ResponseType.ARRAYBUFFER)));
		assertThat(success.data()).isInstanceOf(byte[].class);
		assertThat((byte[]) success.data()).isEqualTo(bytes);
	}

	@Test
	void arrayBufferWinsOverDataTypeJson() throws Exception {
		respondJson("{\"a\":1}");
		RequestSuccess success = await(
				request(RequestOptions.builder(url("/r")).dataType("json").responseType(ResponseType.ARRAYBUFFER)));
		assertThat((byte[]) success.data()).isEqualTo("{\"a\":1}".getBytes(StandardCharsets.UTF_8));
	}

	@Test
	void theCharsetOfContentTypeDecodesText() throws Exception {
		respond(aResponse().withHeader("Content-Type", "text/plain; charset=ISO-8859-1")
			.withBody("café crème".getBytes(StandardCharsets.ISO_8859_1)));
		RequestSuccess success = await(request(RequestOptions.builder(url("/r")).dataType("text")));
		assertThat(success.data()).isEqualTo("café crème");
	}

	@Test
	void theCharsetOfContentTypeDecodesJson() throws Exception {
		respond(aResponse().withHeader("Content-Type", "application/json; charset=UTF-16BE")
			.withBody("{\"n\":\"中文\"}".getBytes(StandardCharsets.UTF_16BE)));
		assertThat(fetch().data()).isEqualTo(Map.of("n", "中文"));
	}

	@Test
	void withoutACharsetTextIsUtf8() throws Exception {
		respond(aResponse().withHeader("Content-Type", "text/plain").withBody("中文 ✓".getBytes(StandardCharsets.UTF_8)));
		assertThat(fetch().data()).isEqualTo("中文 ✓");
	}

	@Test
	void aGzipEncodedBodyIsDecodedBeforeParsing() throws Exception {
		ByteArrayOutputStream zipped = new ByteArrayOutputStream();
		try (GZIPOutputStream gzip = new GZIPOutputStream(zipped)) {
			gzip.write("{\"zipped\":true}".getBytes(StandardCharsets.UTF_8));
		}
		respond(aResponse().withHeader("Content-Type", "application/json")
			.withHeader("Content-Encoding", "gzip")
			.withBody(zipped.toByteArray()));
		assertThat(fetch().data()).isEqualTo(Map.of("zipped", true));
	}

	@Test
	void a404IsASuccessWithThatStatusCode() throws Exception {
		respond(aResponse().withStatus(404)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"error\":\"missing\"}"));
		RequestTask task = request(RequestOptions.builder(url("/r")));
		RequestSuccess success = await(task);
		assertThat(success.statusCode()).isEqualTo(404);
		assertThat(success.data()).isEqualTo(Map.of("error", "missing"));
		assertThat(success.errMsg()).isEqualTo("request:ok");
		assertThat(task.state()).isEqualTo(TaskState.SUCCEEDED);
	}

	@Test
	void a500IsASuccessWithThatStatusCode() throws Exception {
		respond(aResponse().withStatus(500).withBody("boom"));
		RequestSuccess success = fetch();
		assertThat(success.statusCode()).isEqualTo(500);
		assertThat(success.data()).isEqualTo("boom");
		assertThat(success.errMsg()).isEqualTo("request:ok");
	}

	@Test
	void dataAsConvertsAParsedMapToARecord() throws Exception {
		respondJson("{\"name\":\"Li Lei\",\"age\":12,\"roles\":[\"student\"]}");
		assertThat(fetch().dataAs(User.class)).isEqualTo(new User("Li Lei", 12, List.of("student")));
	}

	@Test
	void dataAsRefusesDataThatDoesNotFitTheType() throws Exception {
		respondJson("[1,2,3]");
		RequestSuccess success = fetch();
		assertThatThrownBy(() -> success.dataAs(User.class)).isInstanceOf(IllegalArgumentException.class);
	}

}
