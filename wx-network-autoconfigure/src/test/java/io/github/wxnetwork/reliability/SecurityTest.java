package io.github.wxnetwork.reliability;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Handler;
import java.util.logging.LogRecord;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.wxnetwork.DownloadOptions;
import io.github.wxnetwork.DownloadProgress;
import io.github.wxnetwork.DownloadSuccess;
import io.github.wxnetwork.RequestOptions;
import io.github.wxnetwork.TaskKind;
import io.github.wxnetwork.WxErrno;
import io.github.wxnetwork.WxMethod;
import io.github.wxnetwork.WxNetworkException;
import io.github.wxnetwork.WxTask;
import io.github.wxnetwork.actuate.WxTasksEndpoint;
import io.github.wxnetwork.reliability.Reliability.ClosingServer;
import io.github.wxnetwork.reliability.Reliability.Outcome;
import io.github.wxnetwork.support.WxTestKit;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.github.wxnetwork.reliability.Reliability.WAIT_SECONDS;
import static io.github.wxnetwork.reliability.Reliability.drain;
import static io.github.wxnetwork.reliability.Reliability.filesUnder;
import static io.github.wxnetwork.reliability.Reliability.partFilesUnder;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * What wx-network guards: the allow-list on every redirect hop, https-only, secrets kept out of the
 * actuator endpoint, logs and errMsg, owner-only temp files, and no write through a planted symlink.
 */
class SecurityTest {

	private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

	private static final byte[] FILE = new byte[64 * 1024];

	@TempDir
	Path dir;

	private WireMockServer wiremock;

	private final List<AutoCloseable> closeLater = new ArrayList<>();

	@BeforeEach
	void startWireMock() {
		new Random(3).nextBytes(FILE);
		this.wiremock = new WireMockServer(wireMockConfig().dynamicPort().gzipDisabled(true));
		this.wiremock.start();
		this.wiremock.stubFor(any(urlPathEqualTo("/target")).willReturn(aResponse().withStatus(200).withBody(FILE)));
	}

	@AfterEach
	void stopAll() throws Exception {
		for (AutoCloseable closeable : this.closeLater) {
			closeable.close();
		}
		this.wiremock.stop();
	}

	private <T extends AutoCloseable> T closeLater(T closeable) {
		this.closeLater.add(0, closeable);
		return closeable;
	}

	private String wiremockUrl(String host, String path) {
		return "http://" + host + ":" + this.wiremock.port() + path;
	}

	private void redirect(String from, String location) {
		this.wiremock.stubFor(any(urlPathEqualTo(from)).willReturn(aResponse().withStatus(302).withHeader("Location", location)));
	}

	private WxTask<?> start(WxTestKit kit, TaskKind kind, String url, Outcome outcome) throws IOException {
		return Reliability.start(kit, kind, url, outcome, this.dir, FILE);
	}

	// --- the allow-list on every hop ---

	@ParameterizedTest
	@EnumSource(TaskKind.class)
	void theAllowListIsCheckedAgainOnEveryRedirectHop(TaskKind kind) throws Exception {
		RecordingServer elsewhere = closeLater(new RecordingServer());
		WxTestKit kit = closeLater(WxTestKit.builder().allowedDomains("127.0.0.1").tempDir(this.dir.resolve("tmp")).build());
		// Two hops on the allowed host, then one to a host that is not on the list (the same loopback, by name).
		redirect("/hop1", wiremockUrl("127.0.0.1", "/hop2"));
		redirect("/hop2", "http://localhost:" + elsewhere.port() + "/stolen?token=secret");
		Outcome outcome = new Outcome();
		start(kit, kind, wiremockUrl("127.0.0.1", "/hop1"), outcome);
		outcome.awaitComplete();

		WxNetworkException failure = outcome.assertFailedOnce();
		assertThat(failure.errMsg()).isEqualTo(kind.api() + ":fail url not in domain list");
		assertThat(failure.errno()).isEqualTo(WxErrno.URL_NOT_IN_DOMAIN_LIST);
		// The first hops were followed (so the check is per hop, not a refusal of redirects) ...
		assertThat(this.wiremock.findAll(anyRequestedFor(urlPathEqualTo("/hop2")))).hasSize(1);
		// ... and not one byte of a request reached the refused host.
		kit.close();
		assertThat(elsewhere.awaitAllClosed()).isTrue();
		assertThat(elsewhere.bytesReceived.get()).as("request bytes sent to the refused host").isZero();
		System.out.printf("redirect to a refused host (%s): %d TCP connection(s) opened, %d request bytes sent%n", kind,
				elsewhere.connections.get(), elsewhere.bytesReceived.get());
		assertThat(filesUnder(this.dir.resolve("dl"))).isEmpty();
		assertThat(partFilesUnder(this.dir)).isEmpty();
	}

	@ParameterizedTest
	@EnumSource(TaskKind.class)
	void redirectsWithinTheAllowListAreFollowed(TaskKind kind) throws Exception {
		WxTestKit kit = closeLater(WxTestKit.builder().allowedDomains("127.0.0.1").tempDir(this.dir.resolve("tmp")).build());
		redirect("/hop1", wiremockUrl("127.0.0.1", "/hop2"));
		redirect("/hop2", wiremockUrl("127.0.0.1", "/target"));
		Outcome outcome = new Outcome();
		start(kit, kind, wiremockUrl("127.0.0.1", "/hop1"), outcome);
		outcome.awaitComplete();
		outcome.assertSucceededOnce();
	}

	// --- https only ---

	@ParameterizedTest
	@EnumSource(TaskKind.class)
	void requireHttpsRefusesPlainHttpBeforeAnyConnection(TaskKind kind) throws Exception {
		WxTestKit kit = closeLater(WxTestKit.builder().requireHttps(true).tempDir(this.dir.resolve("tmp")).build());
		String url = wiremockUrl("127.0.0.1", "/target");
		Outcome outcome = new Outcome();
		start(kit, kind, url, outcome);
		outcome.awaitComplete();
		WxNetworkException failure = outcome.assertFailedOnce();
		assertThat(failure.errMsg()).isEqualTo(kind.api() + ":fail invalid url \"" + url + "\"");
		assertThat(failure.errno()).isEqualTo(WxErrno.INVALID_URL);
		assertThat(this.wiremock.findAll(anyRequestedFor(anyUrl()))).isEmpty();
	}

	@ParameterizedTest
	@EnumSource(TaskKind.class)
	void requireHttpsRefusesARedirectFromHttpsToHttp(TaskKind kind) throws Exception {
		HeldCertificate certificate = new HeldCertificate.Builder().addSubjectAlternativeName("127.0.0.1")
			.addSubjectAlternativeName("localhost")
			.build();
		HandshakeCertificates serverCertificates = new HandshakeCertificates.Builder().heldCertificate(certificate).build();
		HandshakeCertificates clientCertificates = new HandshakeCertificates.Builder()
			.addTrustedCertificate(certificate.certificate())
			.build();
		HttpsServer https = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		https.setHttpsConfigurator(new HttpsConfigurator(serverCertificates.sslContext()));
		String plainTarget = wiremockUrl("127.0.0.1", "/target");
		https.createContext("/", (exchange) -> {
			try (exchange) {
				drain(exchange);
				if (exchange.getRequestURI().getPath().equals("/ok")) {
					exchange.sendResponseHeaders(200, FILE.length);
					exchange.getResponseBody().write(FILE);
				}
				else {
					exchange.getResponseHeaders().add("Location", plainTarget + "?token=secret");
					exchange.sendResponseHeaders(302, -1);
				}
			}
		});
		ExecutorService executor = Executors.newCachedThreadPool();
		https.setExecutor(executor);
		https.start();
		closeLater(() -> {
			https.stop(0);
			executor.shutdownNow();
		});
		WxTestKit kit = closeLater(WxTestKit.builder()
			.requireHttps(true)
			.tempDir(this.dir.resolve("tmp"))
			.clientCustomizer((client) -> client.sslSocketFactory(clientCertificates.sslSocketFactory(),
					clientCertificates.trustManager()))
			.build());
		String base = "https://127.0.0.1:" + https.getAddress().getPort();

		// https itself works (so the failure below is the guard, not the TLS set-up) ...
		Outcome ok = new Outcome();
		start(kit, kind, base + "/ok", ok);
		ok.awaitComplete();
		ok.assertSucceededOnce();

		// ... and a hop down to plain http is refused, with no request sent there.
		Outcome outcome = new Outcome();
		start(kit, kind, base + "/to-http", outcome);
		outcome.awaitComplete();
		WxNetworkException failure = outcome.assertFailedOnce();
		assertThat(failure.errMsg()).isEqualTo(kind.api() + ":fail invalid url \"http://127.0.0.1:" + this.wiremock.port() + "\"");
		assertThat(failure.errno()).isEqualTo(WxErrno.INVALID_URL);
		assertThat(failure.errMsg()).doesNotContain("secret");
		assertThat(this.wiremock.findAll(anyRequestedFor(anyUrl()))).isEmpty();
		assertThat(partFilesUnder(this.dir)).isEmpty();
	}

	// --- secrets never shown ---

	/**
	 * Failing and running tasks whose URL carries userinfo and a query token, whose headers carry
	 * Authorization and Cookie, and whose body carries a password: none of it appears in the endpoint's
	 * output, in any log line (ours or OkHttp's), in any exception message or stack trace. (Excluded by
	 * contract: {@code invalid url "<url>"} repeats the url verbatim, so no invalid url is used here.)
	 */
	@Test
	void theEndpointLogsAndErrorsNeverShowCredentials() throws Exception {
		LoggerContext logback = (LoggerContext) LoggerFactory.getILoggerFactory();
		ch.qos.logback.classic.Logger root = logback.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
		ch.qos.logback.classic.Logger ours = logback.getLogger("io.github.wxnetwork");
		ch.qos.logback.classic.Logger okhttp = logback.getLogger("okhttp3");
		Level oursLevel = ours.getLevel();
		Level okhttpLevel = okhttp.getLevel();
		ListAppender<ILoggingEvent> appender = new ListAppender<>();
		appender.start();
		root.addAppender(appender);
		ours.setLevel(Level.TRACE);
		okhttp.setLevel(Level.TRACE);
		java.util.logging.Logger julOkHttp = java.util.logging.Logger.getLogger("okhttp3");
		java.util.logging.Level julLevel = julOkHttp.getLevel();
		List<String> julLines = new CopyOnWriteArrayList<>();
		Handler julHandler = new Handler() {

			@Override
			public void publish(LogRecord record) {
				StringWriter text = new StringWriter().append(String.valueOf(record.getMessage()));
				if (record.getThrown() != null) {
					record.getThrown().printStackTrace(new PrintWriter(text));
				}
				julLines.add(text.toString());
			}

			@Override
			public void flush() {
			}

			@Override
			public void close() {
			}

		};
		julOkHttp.addHandler(julHandler);
		julOkHttp.setLevel(java.util.logging.Level.ALL);
		List<WxNetworkException> failures = new CopyOnWriteArrayList<>();
		List<String> shown = new ArrayList<>();
		try {
			HeldHttpServer held = closeLater(new HeldHttpServer());
			ClosingServer closing = closeLater(new ClosingServer(64, "closing-"));
			BulkheadRegistry bulkheads = BulkheadRegistry.ofDefaults();
			WxTestKit kit = closeLater(WxTestKit.builder()
				.tempDir(this.dir.resolve("tmp"))
				.bulkheadLimiter(bulkheads, 1, Duration.ofSeconds(30))
				.build());
			String secretQuery = "/p/items?token=secret&x=1";
			String heldUrl = "http://user:secret@127.0.0.1:" + held.port() + secretQuery;

			// A running task (held at the server) and a queued one behind it, as the endpoint shows them.
			Outcome running = new Outcome();
			WxTask<?> runningTask = kit.requestTemplate().request(optionsCarryingCredentials(running, heldUrl, failures).build());
			assertThat(held.arrivals.tryAcquire(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
			Outcome queued = new Outcome();
			WxTask<?> queuedTask = kit.requestTemplate().request(optionsCarryingCredentials(queued, heldUrl, failures).build());
			WxTasksEndpoint endpoint = new WxTasksEndpoint(kit.registry(), kit.limiter());
			String listing = JsonMapper.shared().writeValueAsString(endpoint.tasks());
			shown.add(listing);
			shown.add(JsonMapper.shared().writeValueAsString(endpoint.task(runningTask.id())));
			shown.add(JsonMapper.shared().writeValueAsString(endpoint.task(queuedTask.id())));
			shown.add(runningTask.toString());
			String masked = "http://***@127.0.0.1:" + held.port() + "/p/items?token=***&x=***";
			assertThat(listing).contains(masked).contains("RUNNING").contains("QUEUED");

			// Both end by abort; then failures of every other sort, each with the same secrets.
			queuedTask.abort();
			runningTask.abort();
			running.awaitComplete();
			queued.awaitComplete();
			Outcome timeout = new Outcome();
			kit.requestTemplate()
				.request(optionsCarryingCredentials(timeout, heldUrl, failures).timeout(Duration.ofMillis(200)).build());
			timeout.awaitComplete();
			String closingUrl = "http://user:secret@127.0.0.1:" + closing.socket.getLocalPort() + secretQuery;
			Outcome reset = new Outcome();
			kit.requestTemplate().request(optionsCarryingCredentials(reset, closingUrl, failures).build());
			reset.awaitComplete();
			Outcome download = new Outcome();
			kit.downloadTemplate()
				.downloadFile(download.on(DownloadOptions.builder(closingUrl)
					.header("Authorization", "Bearer secret")
					.header("Cookie", "sid=secret"))
					.fail((error) -> {
						failures.add(error);
						throw new IllegalStateException("download fail callback saw " + error.getMessage(), error);
					})
					.build());
			download.awaitComplete();

			assertThat(failures).extracting(WxNetworkException::errno).containsExactlyInAnyOrder(WxErrno.ABORT, WxErrno.ABORT, WxErrno.TIMEOUT, WxErrno.NETWORK_ERROR, WxErrno.NETWORK_ERROR);
		}
		finally {
			root.detachAppender(appender);
			ours.setLevel(oursLevel);
			okhttp.setLevel(okhttpLevel);
			julOkHttp.removeHandler(julHandler);
			julOkHttp.setLevel(julLevel);
		}
		List<String> logLines = new ArrayList<>(julLines);
		for (ILoggingEvent event : appender.list) {
			String line = event.getLoggerName() + " " + event.getFormattedMessage()
					+ ((event.getThrowableProxy() != null) ? "\n" + ThrowableProxyUtil.asString(event.getThrowableProxy()) : "");
			logLines.add(line);
		}
		// The callbacks that threw were logged, with the failure as the cause: the check below is not vacuous.
		assertThat(logLines).anySatisfy((line) -> assertThat(line).contains("fail callback threw").contains("request:fail"));
		assertThat(logLines).anySatisfy((line) -> assertThat(line).contains("download fail callback saw"));
		for (WxNetworkException failure : failures) {
			StringWriter trace = new StringWriter();
			failure.printStackTrace(new PrintWriter(trace));
			shown.add(failure.errMsg());
			shown.add(trace.toString());
		}
		shown.addAll(logLines);
		for (String text : shown) {
			for (String secret : List.of("secret", "Bearer", "sid=")) {
				int at = text.indexOf(secret);
				assertThat(at).as("\"%s\" shown in: …%s…", secret,
						text.substring(Math.max(0, at - 300), Math.min(text.length(), at + 100))).isNegative();
			}
		}
	}

	/** A request with every kind of secret: userinfo and token in the url, Authorization, Cookie, a body. */
	private static RequestOptions.Builder optionsCarryingCredentials(Outcome outcome, String url, List<WxNetworkException> failures) {
		return outcome.on(RequestOptions.builder(url)
			.method(WxMethod.POST)
			.header("Authorization", "Bearer secret")
			.header("Cookie", "sid=secret")
			.data(Map.of("password", "secret")))
			.fail((error) -> {
				failures.add(error);
				// A careless fail callback: its exception (with the failure as cause) gets logged by wx-network.
				throw new IllegalStateException("fail callback threw after " + error.errMsg(), error);
			});
	}

	/**
	 * Bytes a server chooses (here a broken status line with CR and an escape sequence) end up in errMsg
	 * as the cause's message: they must not carry control characters that could forge a log line.
	 */
	@Test
	void serverControlledTextInErrMsgCannotForgeLogLines() throws Exception {
		ServerSocket socket = closeLater(new ServerSocket(0, 5, InetAddress.getLoopbackAddress()));
		Thread server = new Thread(() -> {
			try (Socket accepted = socket.accept()) {
				InputStream in = accepted.getInputStream();
				byte[] buffer = new byte[8192];
				StringBuilder head = new StringBuilder();
				int read;
				while (head.indexOf("\r\n\r\n") < 0 && (read = in.read(buffer)) != -1) {
					head.append(new String(buffer, 0, read, StandardCharsets.ISO_8859_1));
				}
				OutputStream out = accepted.getOutputStream();
				out.write("XTTP/1.1 200 OK\r\u001b[2J2026-01-01 INFO forged line\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
				out.flush();
			}
			catch (IOException ex) {
				// the client went first
			}
		}, "forging-server");
		server.setDaemon(true);
		server.start();
		WxTestKit kit = closeLater(WxTestKit.builder().tempDir(this.dir.resolve("tmp")).build());
		Outcome outcome = new Outcome();
		kit.requestTemplate().request(outcome.on(RequestOptions.builder("http://127.0.0.1:" + socket.getLocalPort() + "/")).build());
		outcome.awaitComplete();
		WxNetworkException failure = outcome.assertFailedOnce();
		assertThat(failure.errno()).isEqualTo(WxErrno.NETWORK_ERROR);
		assertThat(failure.errMsg()).startsWith("request:fail ");
		assertThat(failure.errMsg().chars().filter(Character::isISOControl).toArray())
			.as("control characters in %s", failure.errMsg().replace("\r", "\\r").replace("\u001b", "\\e"))
			.isEmpty();
		server.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
	}

	// --- files ---

	@Test
	void partAndTempFilesAreOwnerOnly() throws Exception {
		assumeTrue(POSIX, "POSIX permissions");
		HeldHttpServer held = closeLater(new HeldHttpServer());
		Path tempDir = this.dir.resolve("tmp");
		Path targetDir = Files.createDirectories(this.dir.resolve("downloads"));
		WxTestKit kit = closeLater(WxTestKit.builder().tempDir(tempDir).build());
		Set<PosixFilePermission> ownerOnly = PosixFilePermissions.fromString("rw-------");

		for (Path target : new Path[] { targetDir.resolve("file.bin"), null }) {
			List<Set<PosixFilePermission>> partPermissions = new CopyOnWriteArrayList<>();
			Path partDir = (target != null) ? targetDir : tempDir;
			Outcome outcome = new Outcome();
			kit.downloadTemplate()
				.downloadFile(outcome.on(DownloadOptions.builder("http://127.0.0.1:" + held.port() + "/file")
					.filePath(target)
					.onProgressUpdate((DownloadProgress progress) -> {
						// While the body streams (the server holds the second half), the part file exists.
						if (partPermissions.isEmpty()) {
							for (Path part : partFilesUnder(partDir)) {
								partPermissions.add(permissions(part));
							}
							held.release();
						}
					}))
					.build());
			outcome.awaitComplete();
			DownloadSuccess success = (DownloadSuccess) outcome.assertSucceededOnce();
			assertThat(partPermissions).as("permissions of the part file").containsExactly(ownerOnly);
			Path result = (target != null) ? success.filePath() : success.tempFilePath();
			assertThat(result).hasBinaryContent(FILE);
			assertThat(permissions(result)).isEqualTo(ownerOnly);
			held.reset();
		}
		assertThat(permissions(tempDir)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
	}

	private static Set<PosixFilePermission> permissions(Path path) {
		try {
			return Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Test
	void aDownloadReplacesASymlinkPlantedAtItsTargetAndNeverWritesThroughIt() throws Exception {
		Path outside = Files.createDirectories(this.dir.resolve("outside"));
		Path victim = Files.writeString(outside.resolve("victim.txt"), "original");
		Path userData = Files.createDirectories(this.dir.resolve("userdata"));
		Path insideVictim = Files.writeString(userData.resolve("inside-victim.txt"), "original inside");

		// Without a user-data-dir any path is allowed: the link is replaced, its target untouched.
		Path target = Files.createDirectories(this.dir.resolve("downloads")).resolve("target.bin");
		Files.createSymbolicLink(target, victim);
		WxTestKit open = closeLater(WxTestKit.builder().tempDir(this.dir.resolve("tmp")).build());
		Outcome first = new Outcome();
		open.downloadTemplate()
			.downloadFile(first.on(DownloadOptions.builder(wiremockUrl("127.0.0.1", "/target")).filePath(target)).build());
		first.awaitComplete();
		first.assertSucceededOnce();
		assertThat(Files.isSymbolicLink(target)).isFalse();
		assertThat(target).hasBinaryContent(FILE);
		assertThat(victim).hasContent("original");

		// With a user-data-dir, a link inside it to another file inside it: same, the other file is untouched.
		Path link = userData.resolve("link.bin");
		Files.createSymbolicLink(link, insideVictim);
		WxTestKit confined = closeLater(WxTestKit.builder().userDataDir(userData).tempDir(userData.resolve("tmp")).build());
		Outcome second = new Outcome();
		confined.downloadTemplate()
			.downloadFile(second.on(DownloadOptions.builder(wiremockUrl("127.0.0.1", "/target")).filePath(link)).build());
		second.awaitComplete();
		second.assertSucceededOnce();
		assertThat(Files.isSymbolicLink(link)).isFalse();
		assertThat(link).hasBinaryContent(FILE);
		assertThat(insideVictim).hasContent("original inside");
		assertThat(partFilesUnder(this.dir)).isEmpty();
	}

	/**
	 * A JDK server: {@code /file} sends half of {@link #FILE}, then holds the rest until {@link #release()};
	 * any other path is held whole (counted in {@link #arrivals}) until the server closes.
	 */
	static final class HeldHttpServer implements AutoCloseable {

		final HttpServer server;

		final Semaphore arrivals = new Semaphore(0);

		private volatile CountDownLatch gate = new CountDownLatch(1);

		private final CountDownLatch closed = new CountDownLatch(1);

		private final ExecutorService executor = Executors.newCachedThreadPool();

		HeldHttpServer() throws IOException {
			this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
			this.server.setExecutor(this.executor);
			this.server.createContext("/", (exchange) -> {
				try (exchange) {
					drain(exchange);
					if (exchange.getRequestURI().getPath().equals("/file")) {
						exchange.sendResponseHeaders(200, FILE.length);
						OutputStream out = exchange.getResponseBody();
						out.write(FILE, 0, FILE.length / 2);
						out.flush();
						this.gate.await(WAIT_SECONDS, TimeUnit.SECONDS);
						out.write(FILE, FILE.length / 2, FILE.length - FILE.length / 2);
					}
					else {
						this.arrivals.release();
						this.closed.await(WAIT_SECONDS * 2, TimeUnit.SECONDS);
						exchange.sendResponseHeaders(200, -1);
					}
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				catch (IOException ex) {
					// the client went first
				}
			});
			this.server.start();
		}

		int port() {
			return this.server.getAddress().getPort();
		}

		void release() {
			this.gate.countDown();
		}

		void reset() {
			this.gate = new CountDownLatch(1);
		}

		@Override
		public void close() {
			this.gate.countDown();
			this.closed.countDown();
			this.server.stop(0);
			this.executor.shutdownNow();
		}

	}

	/** Accepts connections and counts what arrives on them, until each is closed by the client. */
	static final class RecordingServer implements AutoCloseable {

		final ServerSocket socket;

		final AtomicInteger connections = new AtomicInteger();

		final AtomicInteger open = new AtomicInteger();

		final AtomicLong bytesReceived = new AtomicLong();

		private final Set<Integer> acceptedPorts = new java.util.HashSet<>();

		private final ExecutorService executor = Executors.newCachedThreadPool();

		RecordingServer() throws IOException {
			this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
			this.executor.execute(() -> {
				while (!this.socket.isClosed()) {
					try {
						Socket accepted = this.socket.accept();
						synchronized (this) {
							this.connections.incrementAndGet();
							this.open.incrementAndGet();
							this.acceptedPorts.add(accepted.getPort());
							notifyAll();
						}
						this.executor.execute(() -> read(accepted));
					}
					catch (IOException ex) {
						return;
					}
				}
			});
		}

		private void read(Socket accepted) {
			try (accepted) {
				byte[] buffer = new byte[8192];
				int read;
				while ((read = accepted.getInputStream().read(buffer)) != -1) {
					this.bytesReceived.addAndGet(read);
				}
			}
			catch (IOException ex) {
				// closed
			}
			finally {
				synchronized (this) {
					this.open.decrementAndGet();
					notifyAll();
				}
			}
		}

		int port() {
			return this.socket.getLocalPort();
		}

		/**
		 * Waits (bounded) until every connection made so far has been accepted, which a probe connection
		 * proves (the backlog is FIFO), and then closed by its client. The probe is not counted.
		 */
		boolean awaitAllClosed() throws InterruptedException, IOException {
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
			try (Socket probe = new Socket(InetAddress.getLoopbackAddress(), port())) {
				synchronized (this) {
					while (!this.acceptedPorts.contains(probe.getLocalPort())) {
						if (!waitUntil(deadline)) {
							return false;
						}
					}
					this.connections.decrementAndGet();
				}
			}
			synchronized (this) {
				while (this.open.get() > 0) {
					if (!waitUntil(deadline)) {
						return false;
					}
				}
			}
			return true;
		}

		private boolean waitUntil(long deadline) throws InterruptedException {
			long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
			if (left <= 0) {
				return false;
			}
			wait(left);
			return true;
		}

		@Override
		public void close() throws IOException {
			this.socket.close();
			this.executor.shutdownNow();
		}

	}

}
