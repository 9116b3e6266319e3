package io.github.wxnetwork.reliability;

import io.github.wxnetwork.WxErrno;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;
import java.util.stream.Stream;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.wxnetwork.DownloadOptions;
import io.github.wxnetwork.RequestOptions;
import io.github.wxnetwork.RequestSuccess;
import io.github.wxnetwork.TaskState;
import io.github.wxnetwork.UploadOptions;
import io.github.wxnetwork.WxMethod;
import io.github.wxnetwork.WxNetworkException;
import io.github.wxnetwork.WxTask;
import io.github.wxnetwork.reliability.Reliability.Outcome;
import io.github.wxnetwork.support.WxTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.github.wxnetwork.reliability.Reliability.assertNothingHeld;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The bad-input table: every case returns a task without throwing, fails it with a clear errMsg and
 * errno (fail and complete once each), and writes nothing anywhere: the whole test directory, the
 * user-data-dir and the directory outside it, is byte for byte what it was. A few inputs that look bad
 * but are legal per the contract (a huge timeout, a 1 MiB header) must run normally instead.
 */
class BadInputTest {

	private static final int MAX_CONCURRENT = 2;

	static WireMockServer wiremock;

	@TempDir
	Path dir;

	private BulkheadRegistry bulkheads;

	private WxTestKit kit;

	/** What a case may use. */
	record Ctx(WxTestKit kit, Path userData, Path outside, String okUrl) {

		Path upload() {
			return this.userData.resolve("upload.txt");
		}

	}

	/** What a case must end with: a failure (errMsg exact or as a prefix, errno) or a success's status. */
	record Expect(String errMsg, boolean prefix, int errno, int status) {

		static Expect fail(String errMsg, int errno) {
			return new Expect(errMsg, false, errno, 0);
		}

		static Expect failStartingWith(String errMsg, int errno) {
			return new Expect(errMsg, true, errno, 0);
		}

		static Expect success(int status) {
			return new Expect(null, false, 0, status);
		}

	}

	/** Starts one task; null options cannot carry callbacks, so those cases check the future only. */
	record Case(BiFunction<Ctx, Outcome, WxTask<?>> call, Expect expect, boolean callbacks) {
	}

	private static Arguments row(String name, BiFunction<Ctx, Outcome, WxTask<?>> call, Expect expect) {
		return Arguments.of(Named.of(name, new Case(call, expect, true)));
	}

	private static Arguments rowWithoutCallbacks(String name, BiFunction<Ctx, Outcome, WxTask<?>> call,
			Expect expect) {
		return Arguments.of(Named.of(name, new Case(call, expect, false)));
	}

	private static WxTask<?> request(Ctx ctx, Outcome outcome, RequestOptions.Builder builder) {
		return ctx.kit().requestTemplate().request(outcome.on(builder).build());
	}

	private static WxTask<?> request(Ctx ctx, Outcome outcome, String url) {
		return request(ctx, outcome, RequestOptions.builder(url));
	}

	private static WxTask<?> header(Ctx ctx, Outcome outcome, String name, String value) {
		return request(ctx, outcome, RequestOptions.builder(ctx.okUrl()).header(name, value));
	}

	private static WxTask<?> upload(Ctx ctx, Outcome outcome, UploadOptions.Builder builder) {
		return ctx.kit().uploadTemplate().uploadFile(outcome.on(builder).build());
	}

	private static WxTask<?> download(Ctx ctx, Outcome outcome, DownloadOptions.Builder builder) {
		return ctx.kit().downloadTemplate().downloadFile(outcome.on(builder).build());
	}

	private static WxTask<?> downloadTo(Ctx ctx, Outcome outcome, Path filePath) {
		return download(ctx, outcome, DownloadOptions.builder(ctx.okUrl()).filePath(filePath));
	}

	/** Jackson cannot write it: it refers to itself. */
	public static final class Loop {

		public Loop getMe() {
			return this;
		}

	}

	/** Jackson cannot write it: its getter throws. */
	public static final class Bomb {

		public String getValue() {
			throw new IllegalStateException("boom");
		}

	}

	static Stream<Arguments> cases() {
		String invalidHeader = "request:fail invalid header ";
		return Stream.of(
				// --- urls ---
				row("null url", (c, o) -> request(c, o, (String) null), Expect.fail("request:fail invalid url \"null\"", WxErrno.INVALID_URL)),
				row("empty url", (c, o) -> request(c, o, ""), Expect.fail("request:fail invalid url \"\"", WxErrno.INVALID_URL)),
				row("blank url", (c, o) -> request(c, o, "   "), Expect.fail("request:fail invalid url \"   \"", WxErrno.INVALID_URL)),
				row("relative url", (c, o) -> request(c, o, "/api/items"),
						Expect.fail("request:fail invalid url \"/api/items\"", WxErrno.INVALID_URL)),
				row("scheme ftp:", (c, o) -> request(c, o, "ftp://127.0.0.1/file"),
						Expect.fail("request:fail invalid url \"ftp://127.0.0.1/file\"", WxErrno.INVALID_URL)),
				row("scheme file:", (c, o) -> request(c, o, "file:///etc/passwd"),
						Expect.fail("request:fail invalid url \"file:///etc/passwd\"", WxErrno.INVALID_URL)),
				row("space in host", (c, o) -> request(c, o, "http://exa mple.com/"),
						Expect.fail("request:fail invalid url \"http://exa mple.com/\"", WxErrno.INVALID_URL)),
				row("NUL in host", (c, o) -> request(c, o, "http://exa\u0000mple.com/"),
						Expect.fail("request:fail invalid url \"http://exa\u0000mple.com/\"", WxErrno.INVALID_URL)),
				// A valid IDN becomes punycode: a real host, but not on the allow-list.
				row("unicode host", (c, o) -> request(c, o, "http://例子.测试/"),
						Expect.fail("request:fail url not in domain list", WxErrno.URL_NOT_IN_DOMAIN_LIST)),
				row("userinfo trick host", (c, o) -> request(c, o, "http://127.0.0.1@evil.example/"),
						Expect.fail("request:fail url not in domain list", WxErrno.URL_NOT_IN_DOMAIN_LIST)),
				// --- headers ---
				row("Referer", (c, o) -> header(c, o, "Referer", "https://x"), Expect.fail(invalidHeader + "Referer", WxErrno.INVALID_HEADER)),
				row("referer lower case", (c, o) -> header(c, o, "referer", "https://x"),
						Expect.fail(invalidHeader + "referer", WxErrno.INVALID_HEADER)),
				row("REFERER upper case", (c, o) -> header(c, o, "REFERER", "https://x"),
						Expect.fail(invalidHeader + "REFERER", WxErrno.INVALID_HEADER)),
				row("CR in header name", (c, o) -> header(c, o, "X-Bad\rName", "v"),
						Expect.fail(invalidHeader + "X-Bad\\rName", WxErrno.INVALID_HEADER)),
				row("LF in header name", (c, o) -> header(c, o, "X-Bad\nName", "v"),
						Expect.fail(invalidHeader + "X-Bad\\nName", WxErrno.INVALID_HEADER)),
				row("LF in header value", (c, o) -> header(c, o, "X-Note", "a\nb"), Expect.fail(invalidHeader + "X-Note", WxErrno.INVALID_HEADER)),
				row("CRLF injection in value", (c, o) -> header(c, o, "X-Note", "v\r\nX-Injected: 1"),
						Expect.fail(invalidHeader + "X-Note", WxErrno.INVALID_HEADER)),
				row("Host", (c, o) -> header(c, o, "Host", "evil.example"), Expect.fail(invalidHeader + "Host", WxErrno.INVALID_HEADER)),
				row("Content-Length", (c, o) -> header(c, o, "content-length", "0"),
						Expect.fail(invalidHeader + "content-length", WxErrno.INVALID_HEADER)),
				row("Connection", (c, o) -> header(c, o, "Connection", "close"), Expect.fail(invalidHeader + "Connection", WxErrno.INVALID_HEADER)),
				row("Transfer-Encoding", (c, o) -> header(c, o, "TRANSFER-ENCODING", "chunked"),
						Expect.fail(invalidHeader + "TRANSFER-ENCODING", WxErrno.INVALID_HEADER)),
				row("null header value", (c, o) -> header(c, o, "X-Null", null), Expect.fail(invalidHeader + "X-Null", WxErrno.INVALID_HEADER)),
				row("space in header name", (c, o) -> header(c, o, "X Bad", "v"), Expect.fail(invalidHeader + "X Bad", WxErrno.INVALID_HEADER)),
				row("non-ASCII header value", (c, o) -> header(c, o, "X-Name", "张三"), Expect.fail(invalidHeader + "X-Name", WxErrno.INVALID_HEADER)),
				// A 1 MiB value breaks no rule of the contract: it is sent, and what the server makes of it
				// (Jetty: 431) is a response, hence a success with that statusCode, as in WeChat.
				row("1 MiB header value", (c, o) -> header(c, o, "X-Huge", "a".repeat(1024 * 1024)), Expect.success(431)),
				// --- methods ---
				row("CONNECT", (c, o) -> request(c, o, RequestOptions.builder(c.okUrl()).method(WxMethod.CONNECT)),
						Expect.failStartingWith("request:fail method CONNECT is not supported", 0)),
				row("unknown method", (c, o) -> request(c, o, RequestOptions.builder(c.okUrl()).method("FETCH")),
						Expect.fail("request:fail invalid method \"FETCH\"", 0)),
				row("null method", (c, o) -> request(c, o, RequestOptions.builder(c.okUrl()).method((String) null)),
						Expect.fail("request:fail invalid method \"null\"", 0)),
				// --- timeouts ---
				row("negative timeout", (c, o) -> request(c, o, RequestOptions.builder(c.okUrl()).timeout(Duration.ofSeconds(-1))),
						Expect.fail("request:fail invalid timeout PT-1S: it must be positive", 0)),
				row("zero timeout", (c, o) -> request(c, o, RequestOptions.builder(c.okUrl()).timeout(Duration.ZERO)),
						Expect.fail("request:fail invalid timeout PT0S: it must be positive", 0)),
				row("timeout of 365,000 days", (c, o) -> request(c, o,
						RequestOptions.builder(c.okUrl()).timeout(Duration.ofDays(365L * 1000))), Expect.success(200)),
				row("largest Duration as timeout", (c, o) -> request(c, o,
						RequestOptions.builder(c.okUrl()).timeout(Duration.ofSeconds(Long.MAX_VALUE, 999_999_999))),
						Expect.success(200)),
				// --- data ---
				row("data that contains itself", (c, o) -> {
					Map<String, Object> loop = new HashMap<>();
					loop.put("self", loop);
					return request(c, o, RequestOptions.builder(c.okUrl()).method(WxMethod.POST).data(loop));
				}, Expect.failStartingWith("request:fail invalid data: ", 0)),
				row("data bean that refers to itself", (c, o) -> request(c, o,
						RequestOptions.builder(c.okUrl()).method(WxMethod.PUT).data(new Loop())),
						Expect.failStartingWith("request:fail invalid data: ", 0)),
				row("data whose getter throws", (c, o) -> request(c, o,
						RequestOptions.builder(c.okUrl()).method(WxMethod.POST).data(new Bomb())),
						Expect.failStartingWith("request:fail invalid data: ", 0)),
				row("GET data with an unserialisable value", (c, o) -> request(c, o,
						RequestOptions.builder(c.okUrl()).data(Map.of("x", new Bomb()))),
						Expect.failStartingWith("request:fail invalid data: ", 0)),
				row("GET with binary data", (c, o) -> request(c, o, RequestOptions.builder(c.okUrl()).data(new byte[] { 1 })),
						Expect.fail("request:fail invalid data: binary data cannot be sent with GET or HEAD", 0)),
				rowWithoutCallbacks("null request options", (c, o) -> c.kit().requestTemplate().request(null),
						Expect.fail("request:fail invalid url \"null\"", WxErrno.INVALID_URL)),
				// --- uploads ---
				row("missing upload file", (c, o) -> upload(c, o, UploadOptions.builder(c.okUrl(), c.userData().resolve("nope.txt"), "file")),
						Expect.fail("uploadFile:fail file not found", 0)),
				row("upload of a directory", (c, o) -> upload(c, o, UploadOptions.builder(c.okUrl(), c.userData(), "file")),
						Expect.fail("uploadFile:fail file not found", 0)),
				row("null upload filePath", (c, o) -> upload(c, o, UploadOptions.builder(c.okUrl(), null, "file")),
						Expect.fail("uploadFile:fail file not found", 0)),
				row("upload with .. out of user-data-dir", (c, o) -> upload(c, o,
						UploadOptions.builder(c.okUrl(), c.userData().resolve("../outside/secret.txt"), "file")),
						Expect.fail("uploadFile:fail permission denied", WxErrno.PERMISSION_DENIED)),
				row("upload through a symlink out of user-data-dir", (c, o) -> upload(c, o,
						UploadOptions.builder(c.okUrl(), c.userData().resolve("link-to-secret.txt"), "file")),
						Expect.fail("uploadFile:fail permission denied", WxErrno.PERMISSION_DENIED)),
				row("formData with a null value", (c, o) -> {
					Map<String, String> form = new HashMap<>();
					form.put("note", null);
					return upload(c, o, UploadOptions.builder(c.okUrl(), c.upload(), "file").formData(form));
				}, Expect.fail("uploadFile:fail invalid formData: field note has no value", 0)),
				row("formData with a null name", (c, o) -> {
					Map<String, String> form = new HashMap<>();
					form.put(null, "v");
					return upload(c, o, UploadOptions.builder(c.okUrl(), c.upload(), "file").formData(form));
				}, Expect.fail("uploadFile:fail invalid formData: field null has no value", 0)),
				row("blank upload field name", (c, o) -> upload(c, o, UploadOptions.builder(c.okUrl(), c.upload(), " ")),
						Expect.fail("uploadFile:fail invalid name: the file part needs a field name", 0)),
				row("upload with Referer", (c, o) -> upload(c, o,
						UploadOptions.builder(c.okUrl(), c.upload(), "file").header("Referer", "x")),
						Expect.fail("uploadFile:fail invalid header Referer", WxErrno.INVALID_HEADER)),
				rowWithoutCallbacks("null upload options", (c, o) -> c.kit().uploadTemplate().uploadFile(null),
						Expect.fail("uploadFile:fail invalid url \"null\"", WxErrno.INVALID_URL)),
				// --- downloads ---
				row("download with .. out of user-data-dir", (c, o) -> downloadTo(c, o, c.userData().resolve("../outside/new.bin")),
						Expect.fail("downloadFile:fail permission denied", WxErrno.PERMISSION_DENIED)),
				row("download into a symlinked directory out of user-data-dir", (c, o) -> downloadTo(c, o,
						c.userData().resolve("link-to-outside/new.bin")), Expect.fail("downloadFile:fail permission denied", WxErrno.PERMISSION_DENIED)),
				row("download onto a symlink out of user-data-dir", (c, o) -> downloadTo(c, o,
						c.userData().resolve("link-to-victim.txt")), Expect.fail("downloadFile:fail permission denied", WxErrno.PERMISSION_DENIED)),
				row("download to an absolute path outside", (c, o) -> downloadTo(c, o, c.outside().resolve("new.bin")),
						Expect.fail("downloadFile:fail permission denied", WxErrno.PERMISSION_DENIED)),
				row("directory as download filePath", (c, o) -> downloadTo(c, o, c.userData().resolve("sub")),
						Expect.fail("downloadFile:fail invalid filePath \"" + "%USERDATA%/sub" + "\": it is a directory", 0)),
				row("root as download filePath", (c, o) -> downloadTo(c, o, Path.of("/")),
						Expect.fail("downloadFile:fail invalid filePath \"/\": it is a directory", 0)),
				row("download from ftp:", (c, o) -> download(c, o, DownloadOptions.builder("ftp://127.0.0.1/f")),
						Expect.fail("downloadFile:fail invalid url \"ftp://127.0.0.1/f\"", WxErrno.INVALID_URL)),
				row("download with CR/LF in a header", (c, o) -> download(c, o,
						DownloadOptions.builder(c.okUrl()).header("X-A", "1\r\nX-B: 2")),
						Expect.fail("downloadFile:fail invalid header X-A", WxErrno.INVALID_HEADER)),
				row("download with a negative timeout", (c, o) -> download(c, o,
						DownloadOptions.builder(c.okUrl()).timeout(Duration.ofMillis(-5))),
						Expect.fail("downloadFile:fail invalid timeout PT-0.005S: it must be positive", 0)),
				rowWithoutCallbacks("null download options", (c, o) -> c.kit().downloadTemplate().downloadFile(null),
						Expect.fail("downloadFile:fail invalid url \"null\"", WxErrno.INVALID_URL)));
	}

	@BeforeAll
	static void startWireMock() {
		wiremock = new WireMockServer(wireMockConfig().dynamicPort().disableRequestJournal());
		wiremock.start();
		wiremock.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withBody("{\"ok\":true}")));
	}

	@AfterAll
	static void stopWireMock() {
		wiremock.stop();
	}

	private Ctx ctx;

	@BeforeEach
	void layOutDirectories() throws IOException {
		Path userData = Files.createDirectories(this.dir.resolve("userdata"));
		Path outside = Files.createDirectories(this.dir.resolve("outside"));
		Files.writeString(outside.resolve("secret.txt"), "secret outside");
		Files.writeString(outside.resolve("victim.txt"), "original");
		Files.writeString(userData.resolve("upload.txt"), "upload me");
		Files.createDirectories(userData.resolve("sub"));
		Files.createSymbolicLink(userData.resolve("link-to-secret.txt"), outside.resolve("secret.txt"));
		Files.createSymbolicLink(userData.resolve("link-to-victim.txt"), outside.resolve("victim.txt"));
		Files.createSymbolicLink(userData.resolve("link-to-outside"), outside);
		this.bulkheads = BulkheadRegistry.ofDefaults();
		this.kit = WxTestKit.builder()
			.allowedDomains("127.0.0.1")
			.userDataDir(userData)
			.tempDir(userData.resolve("tmp"))
			.defaultTimeout(Duration.ofSeconds(10))
			.bulkheadLimiter(this.bulkheads, MAX_CONCURRENT, Duration.ofSeconds(30))
			.build();
		this.ctx = new Ctx(this.kit, userData, outside, "http://127.0.0.1:" + wiremock.port() + "/ok?token=t");
	}

	@AfterEach
	void closeKit() {
		this.kit.close();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("cases")
	void badInputFailsTheTaskAndNeverThrows(Case given) throws Exception {
		Map<String, String> filesBefore = snapshot(this.dir);
		Outcome outcome = new Outcome();
		AtomicReference<WxTask<?>> started = new AtomicReference<>();

		assertThatNoException().isThrownBy(() -> started.set(given.call().apply(this.ctx, outcome)));

		WxTask<?> task = started.get();
		assertThat(task).isNotNull();
		Expect expect = given.expect();
		if (expect.errMsg() != null) {
			WxNetworkException failure;
			if (given.callbacks()) {
				outcome.awaitComplete();
				failure = outcome.assertFailedOnce();
			}
			else {
				ExecutionException ex = org.assertj.core.api.Assertions.catchThrowableOfType(ExecutionException.class,
						() -> task.toCompletableFuture().get(Reliability.WAIT_SECONDS, TimeUnit.SECONDS));
				assertThat(ex).as("the future failed").isNotNull();
				failure = (WxNetworkException) ex.getCause();
			}
			String errMsg = expect.errMsg().replace("%USERDATA%", this.ctx.userData().toString());
			if (expect.prefix()) {
				assertThat(failure.errMsg()).startsWith(errMsg);
			}
			else {
				assertThat(failure.errMsg()).isEqualTo(errMsg);
			}
			assertThat(failure.errno()).as("errno of %s", failure.errMsg()).isEqualTo(expect.errno());
			assertThat(task.state()).isEqualTo(TaskState.FAILED);
			assertThatThrownBy(() -> task.toCompletableFuture().get(1, TimeUnit.SECONDS)).hasCause(failure);
			System.out.printf("bad input: %s (errno %d)%n", printable(failure.errMsg()), failure.errno());
		}
		else {
			outcome.awaitComplete();
			Object result = outcome.assertSucceededOnce();
			assertThat(((RequestSuccess) result).statusCode()).isEqualTo(expect.status());
			assertThat(task.state()).isEqualTo(TaskState.SUCCEEDED);
		}
		assertNothingHeld(this.kit, this.bulkheads, MAX_CONCURRENT);
		// Nothing written anywhere: not outside the user-data-dir, not inside it either.
		assertThat(snapshot(this.dir)).isEqualTo(filesBefore);
	}

	private static String printable(String text) {
		String shown = text.replace("\r", "\\r").replace("\n", "\\n").replace("\u0000", "\\0");
		return (shown.length() > 160) ? shown.substring(0, 160) + "…" : shown;
	}

	/** Every file and link under root (not following links), with its content or link target. */
	private static Map<String, String> snapshot(Path root) throws IOException {
		Map<String, String> files = new TreeMap<>();
		try (Stream<Path> walk = Files.walk(root)) {
			for (Path path : walk.toList()) {
				String key = root.relativize(path).toString();
				if (Files.isSymbolicLink(path)) {
					files.put(key, "-> " + Files.readSymbolicLink(path));
				}
				else if (Files.isRegularFile(path)) {
					files.put(key, Arrays.toString(Files.readAllBytes(path)));
				}
				else {
					files.put(key + "/", "dir");
				}
			}
		}
		return files;
	}

}
