package io.github.wxnetwork.client;

import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Stream;

import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.wxnetwork.autoconfigure.WxClientsAutoConfiguration;
import io.github.wxnetwork.autoconfigure.WxNetworkAutoConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.CookieValue;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.support.RestClientAdapter;
import org.springframework.web.service.annotation.DeleteExchange;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.HttpExchange;
import org.springframework.web.service.annotation.PostExchange;
import org.springframework.web.service.annotation.PutExchange;
import org.springframework.web.service.invoker.HttpServiceProxyFactory;
import org.springframework.web.util.DefaultUriBuilderFactory;
import org.springframework.web.util.UriBuilderFactory;
import org.springframework.web.util.UriUtils;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Named.named;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Parity with Spring: each case calls one interface twice with the same arguments, once through Spring's
 * own {@code RestClientAdapter} and once as a {@code @WxClient}, against one WireMock server, and the two
 * recorded requests must be equal: method, path segments, decoded query, headers and body.
 *
 * <p>Compared as a server sees meaning, not bytes: values percent-decoded (WeChat encodes queries with
 * {@code encodeURIComponent}, Spring strictly), repeated header lines and comma-joined values alike, JSON
 * bodies as trees, forms as decoded pairs. Left out: headers each client adds for its own transport
 * (User-Agent, Host, Accept-Encoding...), {@code Accept} unless the mapping or an argument sets it
 * (RestClient derives one from its converters), and {@code Content-Type} of a request without a body.
 */
class WxClientDifferentialTests extends WxClientTestSupport {

	private static final Set<String> TRANSPORT_HEADERS = Set.of("host", "connection", "content-length", "user-agent",
			"accept-encoding", "transfer-encoding", "upgrade", "http2-settings", "accept", "content-type");

	private static final JsonMapper JSON = JsonMapper.shared();

	/** A shared base, so that generic super-interface methods and default methods are covered too. */
	interface Base<T> {

		@GetExchange("/generic/{id}")
		T generic(@PathVariable int id);

		default T viaDefault(int id) {
			return generic(id + 1);
		}

	}

	enum Colour {

		RED, GREEN

	}

	@WxClient(name = "diff", url = "${test.url}/base")
	@HttpExchange(url = "/api", headers = { "X-Type=type", "X-Placeholder=${diff.header}" })
	interface DiffClient extends Base<Item> {

		@GetExchange("/items/{id}")
		Item pathVariable(@PathVariable String id);

		@GetExchange("/items/{group}/{id}")
		Item twoPathVariables(@PathVariable("group") String g, @PathVariable int id);

		@GetExchange("/items/{group}/{id}")
		Item pathVariableMap(@PathVariable Map<String, String> variables);

		@GetExchange("items/{id}")
		Item relativeMethodUrl(@PathVariable int id);

		@GetExchange("/search")
		Item param(@RequestParam String q);

		@GetExchange("/search")
		Item params(@RequestParam String q, @RequestParam(required = false) Integer page, @RequestParam List<String> tag);

		@GetExchange("/search")
		Item paramDefault(@RequestParam(defaultValue = "fallback") String q);

		@GetExchange("/search")
		Item paramMap(@RequestParam Map<String, String> query);

		@GetExchange("/search")
		Item paramMultiMap(@RequestParam MultiValueMap<String, String> query);

		@GetExchange("/search")
		Item optionalParam(@RequestParam Optional<String> q);

		@GetExchange("/search")
		Item converted(@RequestParam Colour colour, @RequestParam long number, @RequestParam boolean flag);

		@GetExchange("/search?fixed=1&other=two")
		Item paramsAfterAFixedQuery(@RequestParam String q);

		@GetExchange("/headers")
		Item header(@RequestHeader("X-One") String one);

		@GetExchange("/headers")
		Item headerList(@RequestHeader("X-Many") List<String> many);

		@GetExchange("/headers")
		Item headerMap(@RequestHeader Map<String, String> headers);

		@GetExchange("/headers")
		Item optionalHeader(@RequestHeader("X-Maybe") Optional<String> maybe);

		@HttpExchange(method = "GET", url = "/headers", headers = "X-Method=method", accept = "application/json")
		Item mappingHeaders();

		@GetExchange("/headers")
		Item cookie(@CookieValue("session") String session, @CookieValue("theme") String theme);

		@PostExchange("/items")
		Item postBody(@RequestBody Item item);

		@PutExchange("/items/{id}")
		Item putBody(@PathVariable int id, @RequestBody Map<String, Object> fields);

		@PostExchange("/items/batch")
		Item postList(@RequestBody List<Item> items);

		@PostExchange(url = "/form", contentType = "application/x-www-form-urlencoded")
		Item form(@RequestParam String name, @RequestParam List<String> tag);

		@PostExchange(url = "/json", contentType = "application/json")
		Item explicitJson(@RequestBody Item item);

		@DeleteExchange("/items/{id}")
		void delete(@PathVariable int id);

		@HttpExchange(method = "HEAD", url = "/items/{id}")
		void head(@PathVariable int id);

		@HttpExchange(method = "OPTIONS", url = "/items")
		void options();

		@HttpExchange(method = "POST", url = "/generic-post")
		Item genericPost(@RequestBody Item item);

		@GetExchange("${diff.path}/{id}")
		Item placeholderInUrl(@PathVariable int id);

		@GetExchange
		Item typeUrlOnly();

		@GetExchange("/uri")
		Item uriArgument(URI uri);

		@HttpExchange("/by-argument")
		Item methodArgument(HttpMethod method);

		@PostExchange("/text")
		Item textBody(@RequestBody String text);

		@PutExchange("/bytes")
		Item bytesBody(@RequestBody byte[] bytes);

		@GetExchange("/factory/{id}")
		Item uriBuilderFactory(UriBuilderFactory factory, @PathVariable int id);

	}

	@WxClient(name = "plain", url = "${test.url}/root?key=k1")
	interface PlainClient {

		@GetExchange("/query")
		Item baseQueryAndParams(@RequestParam String q);

		@GetExchange
		Item relativeUri(URI uri);

		@GetExchange("item")
		Item noLeadingSlash();

		@GetExchange("/item")
		Item leadingSlash();

		@GetExchange("${test.url}/absolute/{id}")
		Item absolute(@PathVariable int id);

		@GetExchange
		Item baseUrlOnly();

	}

	static ConfigurableApplicationContext context;

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ JacksonAutoConfiguration.class, WxNetworkAutoConfiguration.class,
			WxClientsAutoConfiguration.class })
	@EnableWxClients(clients = { DiffClient.class, PlainClient.class })
	static class Application {

	}

	@BeforeAll
	static void startApplication() {
		context = new SpringApplicationBuilder(Application.class).web(WebApplicationType.NONE)
			.properties("test.url=" + server.baseUrl(), "diff.header=resolved", "diff.path=/placed",
					"spring.main.banner-mode=off")
			.run();
	}

	@AfterAll
	static void stopApplication() {
		context.close();
	}

	@BeforeEach
	void stub() {
		server.stubFor(any(anyUrl()).willReturn(aResponse().withHeader("Content-Type", "application/json")
			.withBody("{\"id\":1,\"name\":\"tea\"}")));
	}

	static Stream<Arguments> cases() {
		Item tea = new Item(7, "green tea & more");
		MultiValueMap<String, String> multi = new LinkedMultiValueMap<>();
		multi.add("a", "1");
		multi.add("a", "2");
		multi.add("b c", "d e");
		return Stream.of(diff("path variable", (c) -> c.pathVariable("42")),
				diff("path variable that needs encoding", (c) -> c.pathVariable("a b/c?d#e&f=é")),
				diff("two path variables, one named by the annotation", (c) -> c.twoPathVariables("tea", 3)),
				diff("path variables from a map", (c) -> c.pathVariableMap(Map.of("group", "g", "id", "9"))),
				diff("method url without a leading slash joins the interface's", (c) -> c.relativeMethodUrl(5)),
				diff("request param", (c) -> c.param("green tea")),
				diff("request param with reserved characters", (c) -> c.param("a&b=c+d %e/f?é")),
				diff("params: a null optional one left out, a list repeated",
						(c) -> c.params("q", null, List.of("x", "y z"))),
				diff("params: all present", (c) -> c.params("q", 2, List.of("x"))),
				diff("default value of a null param", (c) -> c.paramDefault(null)),
				diff("map of params", (c) -> c.paramMap(new TreeMap<>(Map.of("x", "1", "y", "two words")))),
				diff("multi-value map of params", (c) -> c.paramMultiMap(multi)),
				diff("optional param present", (c) -> c.optionalParam(Optional.of("here"))),
				diff("optional param empty", (c) -> c.optionalParam(Optional.empty())),
				diff("params converted by Spring's conversion service", (c) -> c.converted(Colour.GREEN, 12L, true)),
				diff("params after the mapping's own query", (c) -> c.paramsAfterAFixedQuery("q")),
				diff("request header", (c) -> c.header("one")),
				diff("request header with several values", (c) -> c.headerList(List.of("1", "2", "3"))),
				diff("map of request headers", (c) -> c.headerMap(Map.of("X-A", "a", "X-B", "b"))),
				diff("optional header empty", (c) -> c.optionalHeader(Optional.empty())),
				diff("optional header present", (c) -> c.optionalHeader(Optional.of("yes"))),
				diff("mapping headers and accept, type headers with a placeholder", DiffClient::mappingHeaders),
				diff("cookie values", (c) -> c.cookie("s1", "dark")),
				diff("JSON body of a POST", (c) -> c.postBody(tea)),
				diff("PUT with a path variable and a map body", (c) -> c.putBody(3, Map.of("name", "oolong", "n", 2))),
				diff("list body", (c) -> c.postList(List.of(tea, new Item(8, "black")))),
				diff("form of request params", (c) -> c.form("green tea&co", List.of("a", "b c"))),
				diff("explicit JSON content type", (c) -> c.explicitJson(tea)),
				diff("DELETE", (c) -> c.delete(4)),
				diff("HEAD", (c) -> c.head(4)),
				diff("OPTIONS", DiffClient::options),
				diff("method from @HttpExchange(method)", (c) -> c.genericPost(tea)),
				diff("placeholder in the method url", (c) -> c.placeholderInUrl(6)),
				diff("interface url only", DiffClient::typeUrlOnly),
				diff("URI argument replaces the base url", (c) -> c.uriArgument(URI.create(server.baseUrl() + "/elsewhere?x=1"))),
				diff("HttpMethod argument", (c) -> c.methodArgument(HttpMethod.PUT)),
				diff("generic super-interface method", (c) -> c.generic(1)),
				// Spring's own proxy cannot run a default method of a non-public interface
				// (InvocationHandler.invokeDefault refuses it), so its side calls what the default method calls.
				arguments(named("default method calling a mapped one", DiffClient.class),
						new Calls<DiffClient>((c) -> c.generic(2), (c) -> c.viaDefault(1))),
				diff("text body", (c) -> c.textBody("plain words, not JSON")),
				diff("bytes body", (c) -> c.bytesBody(new byte[] { 1, 2, 3, 'a' })),
				diff("UriBuilderFactory argument", (c) -> c.uriBuilderFactory(
						new DefaultUriBuilderFactory(server.baseUrl() + "/other"), 3)),
				plain("base url with a query, and request params", (c) -> c.baseQueryAndParams("x y")),
				plain("relative URI argument resolved against the base url", (c) -> c.relativeUri(URI.create("/rel/1"))),
				plain("relative url without a leading slash on a base url with a path", PlainClient::noLeadingSlash),
				plain("relative url with a leading slash", PlainClient::leadingSlash),
				plain("absolute method url", (c) -> c.absolute(2)), plain("base url only", PlainClient::baseUrlOnly));
	}

	/** The call made through Spring's proxy, and the one made through the {@code @WxClient}. */
	record Calls<C>(Consumer<C> spring, Consumer<C> wx) {
	}

	private static Arguments diff(String name, Consumer<DiffClient> call) {
		return arguments(named(name, DiffClient.class), new Calls<>(call, call));
	}

	private static Arguments plain(String name, Consumer<PlainClient> call) {
		return arguments(named(name, PlainClient.class), new Calls<>(call, call));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("cases")
	<C> void sendsWhatSpringsRestClientSends(Class<C> type, Calls<C> calls) {
		calls.spring().accept(springClient(type));
		Recorded spring = recorded();
		server.resetRequests();
		calls.wx().accept(context.getBean(type));
		Recorded wx = recorded();
		assertThat(wx).isEqualTo(spring.acceptAsIn(wx));
	}

	private static <C> C springClient(Class<C> type) {
		String base = server.baseUrl() + (type == DiffClient.class ? "/base" : "/root?key=k1");
		RestClient restClient = RestClient.builder()
			.baseUrl(base)
			.requestFactory(new JdkClientHttpRequestFactory(
					HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()))
			.build();
		return HttpServiceProxyFactory.builderFor(RestClientAdapter.create(restClient))
			.embeddedValueResolver(context.getEnvironment()::resolveRequiredPlaceholders)
			.build()
			.createClient(type);
	}

	/** What a server makes of a request. */
	record Recorded(String method, List<String> pathSegments, Map<String, List<String>> query,
			Map<String, List<String>> headers, String accept, String contentType, Object body) {

		/** Spring's request without an Accept header the other did not send. */
		Recorded acceptAsIn(Recorded other) {
			return (other.accept != null) ? this
					: new Recorded(this.method, this.pathSegments, this.query, this.headers, null, this.contentType, this.body);
		}

	}

	private static Recorded recorded() {
		LoggedRequest request = onlyRequest();
		String url = request.getUrl();
		int question = url.indexOf('?');
		String path = (question >= 0) ? url.substring(0, question) : url;
		List<String> segments = new ArrayList<>();
		for (String segment : path.split("/", -1)) {
			segments.add(UriUtils.decode(segment, StandardCharsets.UTF_8));
		}
		Map<String, List<String>> headers = new TreeMap<>();
		for (HttpHeader header : request.getHeaders().all()) {
			String name = header.key().toLowerCase(Locale.ROOT);
			if (!TRANSPORT_HEADERS.contains(name)) {
				headers.computeIfAbsent(name, (key) -> new ArrayList<>()).addAll(split(header.values()));
			}
		}
		byte[] body = request.getBody();
		String contentType = (body.length > 0) ? mediaType(request.getHeader("Content-Type")) : null;
		return new Recorded(request.getMethod().getName(), segments,
				pairs((question >= 0) ? url.substring(question + 1) : ""), headers, request.getHeader("Accept"), contentType,
				body(contentType, body));
	}

	private static List<String> split(List<String> values) {
		List<String> split = new ArrayList<>();
		for (String value : values) {
			Arrays.stream(value.split(",")).map(String::trim).forEach(split::add);
		}
		return split;
	}

	private static String mediaType(String contentType) {
		return (contentType != null) ? contentType.split(";")[0].trim().toLowerCase(Locale.ROOT) : null;
	}

	private static Object body(String contentType, byte[] body) {
		if (body.length == 0) {
			return null;
		}
		String text = new String(body, StandardCharsets.UTF_8);
		if ("application/json".equals(contentType)) {
			return JSON.readTree(text);
		}
		if ("application/x-www-form-urlencoded".equals(contentType)) {
			return pairs(text);
		}
		return text;
	}

	private static Map<String, List<String>> pairs(String encoded) {
		Map<String, List<String>> pairs = new TreeMap<>();
		if (encoded.isEmpty()) {
			return pairs;
		}
		for (String pair : encoded.split("&")) {
			int equals = pair.indexOf('=');
			String name = URLDecoder.decode((equals >= 0) ? pair.substring(0, equals) : pair, StandardCharsets.UTF_8);
			String value = (equals >= 0) ? URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8) : "";
			pairs.computeIfAbsent(name, (key) -> new ArrayList<>()).add(value);
		}
		return pairs;
	}

}
