package io.github.wxnetwork.reliability;

import io.github.wxnetwork.WxErrno;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.wxnetwork.DownloadOptions;
import io.github.wxnetwork.DownloadSuccess;
import io.github.wxnetwork.RequestOptions;
import io.github.wxnetwork.RequestSuccess;
import io.github.wxnetwork.TaskState;
import io.github.wxnetwork.UploadOptions;
import io.github.wxnetwork.UploadSuccess;
import io.github.wxnetwork.WxMethod;
import io.github.wxnetwork.WxNetworkException;
import io.github.wxnetwork.WxTask;
import io.github.wxnetwork.reliability.Reliability.ClosingServer;
import io.github.wxnetwork.reliability.Reliability.Outcome;
import io.github.wxnetwork.reliability.Reliability.StallingServer;
import io.github.wxnetwork.support.WxTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.github.wxnetwork.reliability.Reliability.assertNoNewWxThreads;
import static io.github.wxnetwork.reliability.Reliability.assertNothingHeld;
import static io.github.wxnetwork.reliability.Reliability.filesUnder;
import static io.github.wxnetwork.reliability.Reliability.partFilesUnder;
import static io.github.wxnetwork.reliability.Reliability.wxThreads;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every fault × every kind: the task fails with a clear errMsg (600001, or timeout 5 for the stall),
 * runs fail and complete exactly once, gives its permit back, leaves no partial file and no thread,
 * and the next task on the same kit succeeds.
 */
class FaultMatrixTest {

	private static final int MAX_CONCURRENT = 2;

	/** Big enough to outgrow the loopback socket buffers, so the server's close hits the client mid-write. */
	private static final int BIG_BODY = 4 * 1024 * 1024;

	private static final byte[] FILE_CONTENT = new byte[32 * 1024];

	static WireMockServer wiremock;

	@TempDir
	Path dir;

	enum FaultKind {

		CONNECTION_RESET_BY_PEER(Fault.CONNECTION_RESET_BY_PEER), EMPTY_RESPONSE(Fault.EMPTY_RESPONSE),
		MALFORMED_RESPONSE_CHUNK(Fault.MALFORMED_RESPONSE_CHUNK), RANDOM_DATA_THEN_CLOSE(Fault.RANDOM_DATA_THEN_CLOSE),
		/** Headers and 1 KiB of a 1 MiB body, then nothing: the task's timeout must end it. */
		STALL_MID_BODY(null),
		/** The server reads 16 KiB of the request, then closes the connection. */
		CLOSE_DURING_SEND(null);

		final Fault wiremockFault;

		FaultKind(Fault wiremockFault) {
			this.wiremockFault = wiremockFault;
		}

	}

	enum Kind {

		REQUEST("request"), UPLOAD("uploadFile"), DOWNLOAD("downloadFile"), DOWNLOAD_TO_TEMP("downloadFile");

		final String api;

		Kind(String api) {
			this.api = api;
		}

	}

	static Stream<Arguments> matrix() {
		return Stream.of(FaultKind.values())
			.flatMap((fault) -> Stream.of(Kind.values()).map((kind) -> Arguments.of(fault, kind)));
	}

	@BeforeAll
	static void startWireMock() {
		new Random(8).nextBytes(FILE_CONTENT);
		wiremock = new WireMockServer(wireMockConfig().dynamicPort().gzipDisabled(true).disableRequestJournal());
		wiremock.start();
		for (FaultKind fault : FaultKind.values()) {
			if (fault.wiremockFault != null) {
				wiremock.stubFor(any(urlPathEqualTo("/fault/" + fault.name()))
					.willReturn(aResponse().withFault(fault.wiremockFault)));
			}
		}
		wiremock.stubFor(any(urlPathEqualTo("/ok")).willReturn(aResponse().withStatus(200)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"ok\":true}")));
		wiremock.stubFor(any(urlPathEqualTo("/file")).willReturn(aResponse().withStatus(200)
			.withHeader("Content-Type", "application/octet-stream")
			.withBody(FILE_CONTENT)));
	}

	@AfterAll
	static void stopWireMock() {
		wiremock.stop();
	}

	@ParameterizedTest(name = "{0} x {1}")
	@MethodSource("matrix")
	void aFaultFailsCleanlyAndTheNextTaskRuns(FaultKind fault, Kind kind) throws Exception {
		Set<Thread> threadsBefore = wxThreads();
		Path tempDir = this.dir.resolve("tmp");
		Path targetDir = Files.createDirectories(this.dir.resolve("target"));
		Path smallFile = Files.write(this.dir.resolve("small.bin"), FILE_CONTENT);
		Path bigFile = Files.write(this.dir.resolve("big.bin"), new byte[BIG_BODY]);
		BulkheadRegistry bulkheads = BulkheadRegistry.ofDefaults();
		WxTestKit kit = WxTestKit.builder()
			.tempDir(tempDir)
			.defaultTimeout(Duration.ofSeconds(10))
			.bulkheadLimiter(bulkheads, MAX_CONCURRENT, Duration.ofSeconds(30))
			.build();
		StallingServer stalling = (fault == FaultKind.STALL_MID_BODY) ? new StallingServer(1024 * 1024, 1024) : null;
		ClosingServer closing = (fault == FaultKind.CLOSE_DURING_SEND) ? new ClosingServer(16 * 1024, "closing-") : null;
		try {
			String url = switch (fault) {
				case STALL_MID_BODY -> stalling.url("/stall");
				case CLOSE_DURING_SEND -> closing.url("/close");
				default -> "http://127.0.0.1:" + wiremock.port() + "/fault/" + fault.name();
			};
			Duration timeout = (fault == FaultKind.STALL_MID_BODY) ? Duration.ofMillis(400) : Duration.ofSeconds(10);
			Path target = targetDir.resolve("faulted.bin");
			Path upload = (fault == FaultKind.CLOSE_DURING_SEND) ? bigFile : smallFile;

			Outcome outcome = new Outcome();
			WxTask<?> task = start(kit, kind, url, timeout, outcome, upload, target,
					fault == FaultKind.CLOSE_DURING_SEND);
			outcome.awaitComplete();

			WxNetworkException failure = outcome.assertFailedOnce();
			System.out.printf("fault matrix: %s x %s -> %s (errno %d)%n", fault, kind, failure.errMsg(), failure.errno());
			assertThat(failure.errMsg()).startsWith(kind.api + ":fail ");
			String reason = failure.errMsg().substring((kind.api + ":fail ").length());
			assertThat(reason).as("a clear reason").isNotBlank().isNotEqualTo("null");
			assertThat(failure.errMsg().chars().noneMatch(Character::isISOControl))
				.as("errMsg without control characters: %s", failure.errMsg())
				.isTrue();
			if (fault == FaultKind.STALL_MID_BODY) {
				assertThat(failure.errMsg()).isEqualTo(kind.api + ":fail timeout");
				assertThat(failure.errno()).isEqualTo(WxErrno.TIMEOUT);
			}
			else {
				assertThat(failure.errno()).as("errno of %s", failure.errMsg()).isEqualTo(WxErrno.NETWORK_ERROR);
			}
			if (closing != null && (kind == Kind.REQUEST || kind == Kind.UPLOAD)) {
				// The server really closed mid-body, every time the client tried.
				assertThat(closing.closedAfterBodyBytes).isNotEmpty().allSatisfy((read) -> assertThat(read).isLessThan(BIG_BODY));
			}
			assertThat(task.state()).isEqualTo(TaskState.FAILED);
			assertThatThrownBy(() -> task.toCompletableFuture().get(1, TimeUnit.SECONDS))
				.isInstanceOf(ExecutionException.class)
				.hasCause(failure);

			assertNothingHeld(kit, bulkheads, MAX_CONCURRENT);
			assertThat(partFilesUnder(this.dir)).as("partial files").isEmpty();
			assertThat(target).as("no partial target").doesNotExist();
			assertThat(filesUnder(tempDir)).as("temp dir").isEmpty();

			// The same kit carries on normally.
			Outcome next = new Outcome();
			String okUrl = "http://127.0.0.1:" + wiremock.port()
					+ ((kind == Kind.DOWNLOAD || kind == Kind.DOWNLOAD_TO_TEMP) ? "/file" : "/ok");
			Path nextTarget = targetDir.resolve("next.bin");
			start(kit, kind, okUrl, Duration.ofSeconds(10), next, smallFile, nextTarget, false);
			next.awaitComplete();
			Object result = next.assertSucceededOnce();
			switch (kind) {
				case REQUEST -> {
					assertThat(((RequestSuccess) result).statusCode()).isEqualTo(200);
					assertThat(((RequestSuccess) result).data()).isEqualTo(Map.of("ok", true));
				}
				case UPLOAD -> assertThat(((UploadSuccess) result).statusCode()).isEqualTo(200);
				case DOWNLOAD -> {
					assertThat(((DownloadSuccess) result).filePath()).isEqualTo(nextTarget);
					assertThat(nextTarget).hasBinaryContent(FILE_CONTENT);
				}
				case DOWNLOAD_TO_TEMP -> {
					Path temp = ((DownloadSuccess) result).tempFilePath();
					assertThat(temp).hasBinaryContent(FILE_CONTENT).hasParentRaw(tempDir);
					Files.delete(temp);
				}
			}
			// Still exactly once, now that more time has passed for a stray second delivery.
			outcome.assertFailedOnce();
			assertNothingHeld(kit, bulkheads, MAX_CONCURRENT);
			assertThat(partFilesUnder(this.dir)).isEmpty();
		}
		finally {
			kit.close();
			if (stalling != null) {
				stalling.close();
			}
			if (closing != null) {
				closing.close();
			}
		}
		assertNoNewWxThreads(threadsBefore, Duration.ofSeconds(10));
	}

	private static WxTask<?> start(WxTestKit kit, Kind kind, String url, Duration timeout, Outcome outcome,
			Path uploadFile, Path target, boolean bigBody) throws IOException {
		return switch (kind) {
			case REQUEST -> {
				RequestOptions.Builder builder = RequestOptions.builder(url).timeout(timeout);
				if (bigBody) {
					builder.method(WxMethod.POST).header("Content-Type", "application/octet-stream").data(new byte[BIG_BODY]);
				}
				yield kit.requestTemplate().request(outcome.on(builder).build());
			}
			case UPLOAD -> kit.uploadTemplate()
				.uploadFile(outcome.on(UploadOptions.builder(url, uploadFile, "file").formData(Map.of("k", "v")).timeout(timeout))
					.build());
			case DOWNLOAD -> kit.downloadTemplate()
				.downloadFile(outcome.on(DownloadOptions.builder(url).filePath(target).timeout(timeout)).build());
			case DOWNLOAD_TO_TEMP -> kit.downloadTemplate()
				.downloadFile(outcome.on(DownloadOptions.builder(url).timeout(timeout)).build());
		};
	}

}
