package io.github.wxnetwork.client;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.wxnetwork.RequestSuccess;
import io.github.wxnetwork.UploadSuccess;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.HttpExchange;
import org.springframework.web.service.annotation.PostExchange;
import org.springframework.web.service.annotation.PutExchange;

import static com.github.tomakehurst.wiremock.client.WireMock.aMultipart;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** Every parameter annotation, and the type-level {@code @HttpExchange}, against WireMock. */
class WxClientParameterTests extends WxClientTestSupport {

	@TempDir
	Path dir;

	@WxClient(name = "params", url = "${test.url}")
	@HttpExchange(url = "/api", headers = "X-Client=params")
	interface ParamsClient {

		@GetExchange("/items/{id}")
		RequestSuccess item(@PathVariable String id);

		@GetExchange("items/{group}/{id}")
		RequestSuccess nested(@PathVariable("group") String g, @PathVariable int id);

		@GetExchange("/search")
		RequestSuccess search(@RequestParam String q, @RequestParam(required = false) Integer page,
				@RequestParam("tag") List<String> tags);

		@GetExchange("/search")
		RequestSuccess searchWithDefault(@RequestParam(defaultValue = "1") String page);

		@GetExchange("/search")
		RequestSuccess searchAll(@RequestParam Map<String, ?> params);

		@GetExchange("/search?fixed=1")
		RequestSuccess searchWithFixedQuery(@RequestParam String q);

		@GetExchange("/search")
		RequestSuccess searchOptional(@RequestParam Optional<String> q);

		@GetExchange("/h")
		RequestSuccess header(@RequestHeader("X-Token") String token, @RequestHeader("X-Ids") List<Integer> ids);

		@GetExchange("/h")
		RequestSuccess headers(@RequestHeader Map<String, String> headers);

		@HttpExchange(method = "GET", url = "/h", headers = { "X-Fixed=${test.fixed:fixed-value}", "X-Client=method" },
				accept = "application/json")
		RequestSuccess fixedHeaders();

		@PostExchange("/items")
		RequestSuccess create(@RequestBody Item item);

		@PutExchange("/items/{id}")
		RequestSuccess update(@PathVariable int id, @RequestBody Map<String, Object> changes);

		@PostExchange(url = "/form", contentType = "application/x-www-form-urlencoded")
		RequestSuccess form(@RequestParam String name, @RequestParam("city") String city);

		@PostExchange("/upload")
		UploadSuccess upload(@RequestPart("photo") Path file, @RequestPart String user, @RequestPart("meta") Item meta);

		@PostExchange("/upload")
		UploadSuccess uploadFile(@RequestPart("doc") File file, @RequestPart Map<String, ?> fields);

	}

	@Configuration(proxyBeanMethods = false)
	@EnableWxClients(clients = ParamsClient.class)
	static class Clients {

	}

	@BeforeEach
	void stub() {
		server.stubFor(any(anyUrl()).willReturn(aResponse().withHeader("Content-Type", "application/json").withBody("{}")));
	}

	@Test
	void pathVariableIsEncodedLikeEncodeUriComponent() {
		call((client) -> client.item("a b/c?d"));
		assertThat(onlyRequest().getUrl()).isEqualTo("/api/items/a%20b%2Fc%3Fd");
	}

	@Test
	void pathVariablesAreBoundByAnnotationNameOrParameterName() {
		call((client) -> client.nested("tea", 7));
		assertThat(onlyRequest().getUrl()).isEqualTo("/api/items/tea/7");
	}

	@Test
	void requestParamsGoToTheQueryCollectionsRepeatAndNullsAreLeftOut() {
		call((client) -> client.search("green tea", null, List.of("a", "b&c")));
		assertThat(onlyRequest().getUrl()).isEqualTo("/api/search?q=green%20tea&tag=a&tag=b%26c");
	}

	@Test
	void requestParamDefaultValueStandsInForNull() {
		call((client) -> client.searchWithDefault(null));
		assertThat(onlyRequest().getUrl()).isEqualTo("/api/search?page=1");
	}

	@Test
	void requestParamMapSendsEveryEntry() {
		Map<String, Object> params = new LinkedHashMap<>();
		params.put("q", "tea");
		params.put("tag", List.of("x", "y"));
		params.put("page", 2);
		call((client) -> client.searchAll(params));
		assertThat(onlyRequest().getUrl()).isEqualTo("/api/search?q=tea&tag=x&tag=y&page=2");
	}

	@Test
	void requestParamsAreAppendedToAQueryTheMappingAlreadyHas() {
		call((client) -> client.searchWithFixedQuery("x"));
		assertThat(onlyRequest().getUrl()).isEqualTo("/api/search?fixed=1&q=x");
	}

	@Test
	void optionalRequestParamIsItsContentOrNothing() {
		call((client) -> client.searchOptional(Optional.of("tea")));
		assertThat(onlyRequest().getUrl()).isEqualTo("/api/search?q=tea");
		server.resetRequests();
		call((client) -> client.searchOptional(Optional.empty()));
		assertThat(onlyRequest().getUrl()).isEqualTo("/api/search");
	}

	@Test
	void missingRequiredRequestParamFailsTheCallBeforeAnyRequest() {
		runner().withUserConfiguration(Clients.class).run((context) -> {
			ParamsClient client = context.getBean(ParamsClient.class);
			// Spring's own argument resolver refuses it, with Spring's message.
			assertThatIllegalArgumentException().isThrownBy(() -> client.search(null, 1, List.of()))
				.withMessageContaining("Missing request parameter value 'q'");
		});
		assertThat(server.getAllServeEvents()).isEmpty();
	}

	@Test
	void requestHeaderIsSentAndSeveralValuesAreJoined() {
		call((client) -> client.header("t-1", List.of(1, 2, 3)));
		LoggedRequest request = onlyRequest();
		assertThat(request.getHeader("X-Token")).isEqualTo("t-1");
		assertThat(request.getHeader("X-Ids")).isEqualTo("1, 2, 3");
		assertThat(request.getHeader("X-Client")).isEqualTo("params");
	}

	@Test
	void requestHeaderMapSendsEveryEntryAfterTheMappingsHeaders() {
		call((client) -> client.headers(Map.of("X-A", "1", "x-client", "argument")));
		LoggedRequest request = onlyRequest();
		assertThat(request.getHeader("X-A")).isEqualTo("1");
		// As Spring's HttpRequestValues has it: the argument's value is added to the mapping's, not put instead.
		assertThat(request.getHeaders().getHeader("X-Client").values()).containsExactly("params, argument");
	}

	@Test
	void exchangeHeadersAndAcceptAreSentWithPlaceholdersResolvedTheTypesFirst() {
		call(ParamsClient::fixedHeaders);
		LoggedRequest request = onlyRequest();
		assertThat(request.getHeader("X-Fixed")).isEqualTo("fixed-value");
		assertThat(request.getHeaders().getHeader("X-Client").values()).containsExactly("params, method");
		assertThat(request.getHeader("Accept")).isEqualTo("application/json");
	}

	@Test
	void requestBodyIsSentAsJson() {
		call((client) -> client.create(new Item(1, "tea")));
		server.verify(postRequestedFor(urlEqualTo("/api/items")).withHeader("Content-Type", equalTo("application/json"))
			.withRequestBody(equalToJson("{\"id\":1,\"name\":\"tea\"}")));
	}

	@Test
	void putCarriesPathVariableAndBody() {
		call((client) -> client.update(9, Map.of("name", "oolong")));
		LoggedRequest request = onlyRequest();
		assertThat(request.getMethod().getName()).isEqualTo("PUT");
		assertThat(request.getUrl()).isEqualTo("/api/items/9");
		assertThat(body(request)).isEqualTo("{\"name\":\"oolong\"}");
	}

	@Test
	void requestParamsOfAFormEncodedMappingMakeTheBody() {
		call((client) -> client.form("Zhang San", "北京"));
		LoggedRequest request = onlyRequest();
		assertThat(request.getUrl()).isEqualTo("/api/form");
		assertThat(request.getHeader("Content-Type")).startsWith("application/x-www-form-urlencoded");
		assertThat(body(request)).isEqualTo("name=Zhang%20San&city=%E5%8C%97%E4%BA%AC");
	}

	@Test
	void pathPartUploadsTheFileAndOtherPartsBecomeFormData() throws Exception {
		Path photo = Files.writeString(this.dir.resolve("photo.txt"), "pixels");
		UploadSuccess success = call((client) -> client.upload(photo, "zhang", new Item(3, "cup")));
		assertThat(success.statusCode()).isEqualTo(200);
		server.verify(postRequestedFor(urlEqualTo("/api/upload"))
			.withRequestBodyPart(aMultipart("photo").withBody(equalTo("pixels")).build())
			.withRequestBodyPart(aMultipart("user").withBody(equalTo("zhang")).build())
			.withRequestBodyPart(aMultipart("meta").withBody(equalToJson("{\"id\":3,\"name\":\"cup\"}")).build()));
	}

	@Test
	void filePartAndPartMapUpload() throws Exception {
		File doc = Files.writeString(this.dir.resolve("doc.txt"), "words").toFile();
		call((client) -> client.uploadFile(doc, Map.of("lang", "zh", "pages", 2)));
		server.verify(postRequestedFor(urlEqualTo("/api/upload"))
			.withRequestBodyPart(aMultipart("doc").withBody(equalTo("words")).build())
			.withRequestBodyPart(aMultipart("lang").withBody(equalTo("zh")).build())
			.withRequestBodyPart(aMultipart("pages").withBody(equalTo("2")).build()));
		assertThat(Arrays.asList(body(onlyRequest()).split("\r\n"))).contains("Content-Disposition: form-data; name=\"doc\"; filename=\"doc.txt\"");
	}

	private <R> R call(java.util.function.Function<ParamsClient, R> call) {
		Object[] result = new Object[1];
		runner().withUserConfiguration(Clients.class)
			.run((context) -> result[0] = call.apply(context.getBean(ParamsClient.class)));
		@SuppressWarnings("unchecked")
		R value = (R) result[0];
		return value;
	}

}
