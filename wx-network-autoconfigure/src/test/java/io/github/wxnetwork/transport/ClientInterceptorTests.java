package io.github.wxnetwork.transport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.wxnetwork.RequestOptions;
import io.github.wxnetwork.UploadOptions;
import io.github.wxnetwork.UploadProgress;
import io.github.wxnetwork.UploadSuccess;
import io.github.wxnetwork.UploadTask;
import io.github.wxnetwork.WxErrno;
import io.github.wxnetwork.WxNetworkException;
import io.github.wxnetwork.WxRequestTemplate;
import io.github.wxnetwork.autoconfigure.WxClientsAutoConfiguration;
import io.github.wxnetwork.autoconfigure.WxNetworkAutoConfiguration;
import io.github.wxnetwork.client.EnableWxClients;
import io.github.wxnetwork.client.WxClient;
import io.github.wxnetwork.client.WxClientDefinitionException;
import io.github.wxnetwork.client.WxOptions;
import io.github.wxnetwork.engine.DefaultWxUploadTemplate;
import io.github.wxnetwork.engine.TaskRoute;
import io.github.wxnetwork.engine.Transport;
import io.github.wxnetwork.support.WireMockPerClass;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;
import okio.Buffer;
import okio.BufferedSink;
import okio.ByteString;
import okio.HashingSink;
import okio.Okio;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.PostExchange;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@code @WxClient(interceptors)}: a request signer and a stamp, in order, on one client's calls only, once
 * per attempt; the signer reads a request's and an upload's body without consuming it.
 */
class ClientInterceptorTests extends WireMockPerClass {

	@TempDir
	Path dir;

	/** What the interceptors did, in order: a bean they share (the signer gets it by constructor injection). */
	static class Journal {

		final List<String> entries = new CopyOnWriteArrayList<>();

		final List<Signer> signers = new CopyOnWriteArrayList<>();

		/** Upload progress events so far, and how many of them fired while a signer read a body. */
		final AtomicInteger progressEvents = new AtomicInteger();

		final List<Integer> progressWhileSigning = new CopyOnWriteArrayList<>();

	}

	/** A bean: the context's instance is used. */
	static class Stamp implements Interceptor {

		final AtomicInteger count = new AtomicInteger();

		final Journal journal;

		Stamp(Journal journal) {
			this.journal = journal;
		}

		@Override
		public Response intercept(Chain chain) throws IOException {
			this.journal.entries.add("stamp");
			return chain.proceed(chain.request().newBuilder().header("X-Stamp", "s" + this.count.incrementAndGet()).build());
		}

	}

	/**
	 * Not a bean: made once, for every client that names it. Signs the method, the final URL, a header and a
	 * digest of the body, which it streams through a hashing sink (no copy in memory).
	 */
	static class Signer implements Interceptor {

		final Journal journal;

		Signer(Journal journal) {
			this.journal = journal;
			journal.signers.add(this);
		}

		@Override
		public Response intercept(Chain chain) throws IOException {
			Request request = chain.request();
			HashingSink digest = HashingSink.sha256(Okio.blackhole());
			if (request.body() != null) {
				int before = this.journal.progressEvents.get();
				try (BufferedSink sink = Okio.buffer(digest)) {
					request.body().writeTo(sink);
				}
				this.journal.progressWhileSigning.add(this.journal.progressEvents.get() - before);
			}
			this.journal.entries.add("sign " + request.url().encodedPath());
			String signature = signature(request.method(), request.url().toString(), request.header("X-Stamp"),
					digest.hash());
			return chain.proceed(request.newBuilder().header("X-Signature", signature).build());
		}

	}

	/** Adds a caller's token, as an interceptor that authorizes calls does. */
	static class Authorizer implements Interceptor {

		@Override
		public Response intercept(Chain chain) throws IOException {
			return chain.proceed(chain.request().newBuilder().header("Authorization", "Bearer user-1").build());
		}

	}

	/** Sends every call to another host than the one asked for. */
	static class Rerouter implements Interceptor {

		@Override
		public Response intercept(Chain chain) throws IOException {
			return chain.proceed(chain.request().newBuilder()
				.url(chain.request().url().newBuilder().host("127.0.0.1").build())
				.build());
		}

	}

	static class Unmakeable implements Interceptor {

		Unmakeable() {
			throw new IllegalStateException("no key configured");
		}

		@Override
		public Response intercept(Chain chain) throws IOException {
			return chain.proceed(chain.request());
		}

	}

	static String signature(String method, String url, String stamp, ByteString bodyDigest) {
		return new Buffer().writeUtf8(method + " " + url + "\n" + stamp + "\n").write(bodyDigest).sha256().hex();
	}

	/** What the server can check: the signature over the body it received. */
	static String expectedSignature(String method, String url, String stamp, byte[] received) {
		return signature(method, url, stamp, ByteString.of(received).sha256());
	}

	@WxClient(name = "signed", url = "${test.url}", interceptors = { Stamp.class, Signer.class })
	interface Signed {

		@PostExchange("/orders")
		String order(@RequestParam("id") String id, @RequestBody Map<String, Object> order);

		@GetExchange("/flaky")
		String flaky();

		@GetExchange("/moved")
		String moved();

		@PostExchange("/upload")
		UploadTask upload(@RequestPart("file") Path file);

		@GetExchange("/cached")
		@WxOptions(enableCache = true)
		String cached();

	}

	@WxClient(name = "alsoSigned", url = "${test.url}", interceptors = Signer.class)
	interface AlsoSigned {

		@GetExchange("/items")
		String items();

	}

	@WxClient(name = "plain", url = "${test.url}")
	interface Plain {

		@GetExchange("/items")
		String items();

		@GetExchange("/cached")
		@WxOptions(enableCache = true)
		String cached();

	}

	@WxClient(name = "authorized", url = "${test.url}", interceptors = Authorizer.class)
	interface Authorized {

		@GetExchange("/cached")
		@WxOptions(enableCache = true)
		String cached();

	}

	@WxClient(name = "rerouted", url = "http://localhost:${server.port}", interceptors = Rerouter.class)
	interface Rerouted {

		@GetExchange("/items")
		String items();

	}

	@WxClient(name = "broken", url = "${test.url}", interceptors = Unmakeable.class)
	interface Broken {

		@GetExchange("/items")
		String items();

	}

	@Configuration(proxyBeanMethods = false)
	@EnableWxClients(clients = { Signed.class, AlsoSigned.class, Plain.class, Authorized.class, Rerouted.class })
	static class Clients {

		@Bean
		Journal journal() {
			return new Journal();
		}

		@Bean
		Stamp stamp(Journal journal) {
			return new Stamp(journal);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableWxClients(clients = Broken.class)
	static class BrokenClient {

	}

	@Configuration(proxyBeanMethods = false)
	@EnableWxClients(clients = Plain.class)
	static class PlainOnly {

	}


	@BeforeEach
	void stubs() {
		server.stubFor(any(anyUrl()).willReturn(aResponse().withBody("ok")));
	}

	static ApplicationContextRunner runner() {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, WxNetworkAutoConfiguration.class,
					WxClientsAutoConfiguration.class))
			.withUserConfiguration(Clients.class)
			.withPropertyValues("test.url=" + server.baseUrl(), "server.port=" + server.port());
	}

	@Test
	void theSignerSeesTheFinalUrlTheHeadersBeforeItAndTheBody() {
		runner().run((context) -> {
			assertThat(context.getBean(Signed.class).order("42", Map.of("sku", "A-1", "qty", 2))).isEqualTo("ok");
			LoggedRequest received = server.getAllServeEvents().get(0).getRequest();
			assertThat(received.getHeader("X-Stamp")).isEqualTo("s1");
			assertThat(received.getHeader("X-Signature")).isEqualTo(expectedSignature("POST",
					server.baseUrl() + "/orders?id=42", "s1", received.getBody()));
			assertThat(received.getBodyAsString()).contains("\"sku\":\"A-1\"");
			assertThat(context.getBean(Journal.class).entries).containsExactly("stamp", "sign /orders");
		});
	}

	@Test
	void interceptorsApplyToTheirClientOnly() {
		runner().run((context) -> {
			assertThat(context.getBean(Plain.class).items()).isEqualTo("ok");
			context.getBean(WxRequestTemplate.class).request(RequestOptions.builder(server.baseUrl() + "/items").build()).join();
			assertThat(context.getBean(AlsoSigned.class).items()).isEqualTo("ok");
			List<LoggedRequest> received = server.getAllServeEvents().stream().map((event) -> event.getRequest()).toList();
			assertThat(received).hasSize(3);
			assertThat(received).filteredOn((request) -> request.containsHeader("X-Signature")).hasSize(1);
			assertThat(received).noneMatch((request) -> request.containsHeader("X-Stamp"));
		});
	}

	@Test
	void aBeanInterceptorIsTheBeanAndAClassIsMadeOnceForEveryClientThatNamesIt() {
		runner().run((context) -> {
			context.getBean(Signed.class).flaky();
			context.getBean(AlsoSigned.class).items();
			Journal journal = context.getBean(Journal.class);
			assertThat(journal.signers).hasSize(1);
			assertThat(context.getBean(Stamp.class).count).hasValue(1);
			assertThat(journal.entries).containsExactly("stamp", "sign /flaky", "sign /items");
		});
	}

	@Test
	void interceptorsRunOncePerAttemptAndNotPerRedirectHop() {
		server.stubFor(get(urlEqualTo("/flaky")).inScenario("flaky")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withStatus(503))
			.willSetStateTo("up"));
		server.stubFor(get(urlEqualTo("/flaky")).inScenario("flaky")
			.whenScenarioStateIs("up")
			.willReturn(aResponse().withBody("up")));
		server.stubFor(get(urlEqualTo("/moved")).willReturn(aResponse().withStatus(302).withHeader("Location", "/items")));
		runner().withPropertyValues("wx.network.clients.signed.retry.max-attempts=2",
				"wx.network.clients.signed.retry.wait=0ms")
			.run((context) -> {
				Signed client = context.getBean(Signed.class);
				assertThat(client.flaky()).isEqualTo("up");
				assertThat(client.moved()).isEqualTo("ok");
				assertThat(context.getBean(Journal.class).entries).containsExactly("stamp", "sign /flaky", "stamp",
						"sign /flaky", "stamp", "sign /moved");
				// The hop carries the headers of the request it follows (same host).
				LoggedRequest hop = server.findAll(getRequestedFor(urlPathEqualTo("/items"))).get(0);
				assertThat(hop.getHeader("X-Stamp")).isEqualTo("s3");
			});
	}

	@Test
	void aSignerReadsAnUploadsBodyWithoutConsumingItOrMovingItsProgress() throws Exception {
		byte[] content = new byte[256 * 1024];
		new java.util.Random(7).nextBytes(content);
		Path file = Files.write(this.dir.resolve("invoice.pdf"), content);
		runner().run((context) -> {
			// The client's transport, through the template with a listener that is there before the upload starts.
			Transports transports = context.getBean(Transports.class);
			Transport signed = transports.forClient("signed", null, null,
					List.of(context.getBean(Stamp.class), transports.interceptor(Signer.class, () -> null)));
			List<UploadProgress> progress = new CopyOnWriteArrayList<>();
			Journal journal = context.getBean(Journal.class);
			UploadSuccess success = context.getBean(DefaultWxUploadTemplate.class)
				.withRoute(TaskRoute.DEFAULT.withTransport(signed))
				.uploadFile(UploadOptions.builder(server.baseUrl() + "/upload", file, "file")
					.onProgressUpdate((event) -> {
						journal.progressEvents.incrementAndGet();
						progress.add(event);
					})
					.build())
				.join();
			assertThat(success.statusCode()).isEqualTo(200);
			LoggedRequest received = server.getAllServeEvents().get(0).getRequest();
			assertThat(context.getBean(Signed.class).upload(file).join().statusCode()).isEqualTo(200);
			assertThat(context.getBean(Journal.class).entries).containsExactly("stamp", "sign /upload", "stamp",
					"sign /upload");
			assertThat(received.getBody().length).isGreaterThan(content.length);
			assertThat(received.getHeader("X-Signature")).isEqualTo(expectedSignature("POST", server.baseUrl() + "/upload",
					"s1", received.getBody()));
			assertThat(received.getPart("file").getBody().asBytes()).isEqualTo(content);
			// Progress counts the upload's pass to the network, not the signer's read.
			assertThat(journal.progressWhileSigning).containsOnly(0);
			assertThat(progress).isNotEmpty();
			assertThat(progress).extracting(UploadProgress::totalBytesSent).isSorted();
			assertThat(progress).filteredOn((event) -> event.progress() == 100).hasSize(1);
			assertThat(progress.get(progress.size() - 1).totalBytesSent()).isEqualTo(received.getBody().length);
		});
	}

	@Test
	void aClientWithInterceptorsCachesApartFromTheOthers() {
		server.stubFor(get(urlEqualTo("/cached")).willReturn(aResponse().withHeader("Cache-Control", "max-age=600")
			.withBody("fresh")));
		runner().withPropertyValues("wx.network.cache.max-size=1MB", "wx.network.temp-dir=" + this.dir.resolve("tmp"))
			.run((context) -> {
				Plain plain = context.getBean(Plain.class);
				Signed signed = context.getBean(Signed.class);
				assertThat(plain.cached()).isEqualTo("fresh");
				// Not answered with the plain client's cached response: the signed one asks the server ...
				assertThat(signed.cached()).isEqualTo("fresh");
				assertThat(server.findAll(getRequestedFor(urlEqualTo("/cached")))).hasSize(2);
				// ... and each is answered from its own cache from then on.
				assertThat(plain.cached()).isEqualTo("fresh");
				assertThat(signed.cached()).isEqualTo("fresh");
				assertThat(server.findAll(getRequestedFor(urlEqualTo("/cached")))).hasSize(2);
				assertThat(server.findAll(getRequestedFor(urlEqualTo("/cached"))))
					.extracting((request) -> request.containsHeader("X-Signature"))
					.containsExactly(false, true);
			});
	}

	@Test
	void aResponseToCredentialsAnInterceptorAddedIsNeverCached() {
		server.stubFor(get(urlEqualTo("/cached")).willReturn(aResponse().withHeader("Cache-Control", "max-age=600")
			.withBody("fresh")));
		runner().withPropertyValues("wx.network.cache.max-size=1MB", "wx.network.temp-dir=" + this.dir.resolve("tmp"))
			.run((context) -> {
				Authorized client = context.getBean(Authorized.class);
				assertThat(client.cached()).isEqualTo("fresh");
				assertThat(client.cached()).isEqualTo("fresh");
				assertThat(server.findAll(getRequestedFor(urlEqualTo("/cached")))).hasSize(2)
					.allMatch((request) -> "Bearer user-1".equals(request.getHeader("Authorization")));
			});
	}

	@Test
	void aHostAnInterceptorSendsTheCallToIsCheckedLikeAnyOther() {
		runner().withPropertyValues("wx.network.allowed-domains=localhost").run((context) ->
			assertThatExceptionOfType(WxNetworkException.class).isThrownBy(() -> context.getBean(Rerouted.class).items())
				.satisfies((ex) -> {
					assertThat(ex.errMsg()).isEqualTo("request:fail url not in domain list");
					assertThat(ex.errno()).isEqualTo(WxErrno.URL_NOT_IN_DOMAIN_LIST);
					assertThat(server.getAllServeEvents()).isEmpty();
				}));
	}

	@Test
	void aTemplateOfTheApplicationsOwnCannotCarryAClientsInterceptors() {
		WxRequestTemplate own = (options) -> {
			throw new UnsupportedOperationException("the application's own");
		};
		runner().withBean("ownTemplate", WxRequestTemplate.class, () -> own).run((context) ->
			assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(WxClientDefinitionException.class)
				.hasMessageContaining(Signed.class.getName())
				.hasMessageContaining("its ssl bundle, proxy or interceptors cannot apply to its request methods"));
		// A client without settings of its own is fine: the templates' proxy is the replaced template's business.
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, WxNetworkAutoConfiguration.class,
					WxClientsAutoConfiguration.class))
			.withUserConfiguration(PlainOnly.class)
			.withBean("ownTemplate", WxRequestTemplate.class, () -> own)
			.withPropertyValues("test.url=" + server.baseUrl(), "wx.network.proxy=socks5://127.0.0.1:1")
			.run((context) -> assertThat(context).hasNotFailed().hasSingleBean(Plain.class));
	}

	@Test
	void anInterceptorThatCannotBeMadeFailsStartUpNamingTheClientAndTheClass() {
		runner().withUserConfiguration(BrokenClient.class).run((context) ->
			assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(WxClientDefinitionException.class)
				.hasMessageContaining(Broken.class.getName())
				.hasMessageContaining("its interceptor " + Unmakeable.class.getName() + " cannot be made")
				.hasMessageContaining("no key configured"));
	}

}
