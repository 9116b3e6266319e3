package io.github.wxnetwork.resilience;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;

import io.github.wxnetwork.DownloadOptions;
import io.github.wxnetwork.DownloadProgress;
import io.github.wxnetwork.DownloadSuccess;
import io.github.wxnetwork.DownloadTask;
import io.github.wxnetwork.HeadersReceived;
import io.github.wxnetwork.WxErrno;
import io.github.wxnetwork.WxNetworkException;
import io.github.wxnetwork.support.ScriptedHttpServer;
import io.github.wxnetwork.support.ScriptedHttpServer.Step;
import io.github.wxnetwork.support.TaskAwait;
import io.github.wxnetwork.support.TestFiles;
import io.github.wxnetwork.support.WxTestKit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A download cut in its body, retried: it goes on from the byte where it stopped when the server offers
 * ranges and the file has not changed, and starts again otherwise; the listeners see one download.
 */
class DownloadResumeTest {

	private static final long WAIT_SECONDS = 10;

	private static final int SIZE = 1024 * 1024;

	private static final int CUT = 700 * 1024;

	private static final byte[] BODY = bytes(1);

	private static final byte[] CHANGED = bytes(2);

	@TempDir
	Path dir;

	private ScriptedHttpServer server;

	private WxTestKit kit;

	@AfterEach
	void stop() throws IOException {
		if (this.kit != null) {
			this.kit.close();
		}
		if (this.server != null) {
			this.server.close();
		}
	}

	private static byte[] bytes(long seed) {
		byte[] bytes = new byte[SIZE];
		new Random(seed).nextBytes(bytes);
		return bytes;
	}

	/** A 200 that offers ranges and names its version, cut after {@link #CUT} bytes. */
	private static Step cutAfterOffering(String... validators) {
		return (request, exchange) -> {
			String[] headers = new String[validators.length + 2];
			headers[0] = "Content-Length: " + SIZE;
			headers[1] = "Accept-Ranges: bytes";
			System.arraycopy(validators, 0, headers, 2, validators.length);
			exchange.head("200 OK", headers);
			exchange.body(BODY, 0, CUT);
		};
	}

	/** The rest from the byte asked for, as a server that honours Range and If-Range does. */
	private static Step theRest() {
		return (request, exchange) -> {
			int from = Integer.parseInt(request.header("Range").replaceAll("bytes=(\\d+)-", "$1"));
			exchange.head("206 Partial Content", "Content-Length: " + (SIZE - from),
					"Content-Range: bytes " + from + "-" + (SIZE - 1) + "/" + SIZE, "ETag: \"v1\"");
			exchange.body(BODY, from, SIZE);
		};
	}

	/** A whole 200 of {@code body}, whatever was asked. */
	private static Step whole(byte[] body) {
		return (request, exchange) -> {
			exchange.head("200 OK", "Content-Length: " + SIZE, "ETag: \"v2\"");
			exchange.body(body, 0, SIZE);
		};
	}

	private WxTestKit kit(long maxFileSize) {
		this.kit = WxTestKit.builder()
			.tempDir(this.dir.resolve("tmp"))
			.maxFileSize(maxFileSize)
			.retry(new RetryProperties(3, Duration.ZERO, 1.0, Duration.ofSeconds(5), null, null))
			.build();
		return this.kit;
	}

	@Test
	void aCutDownloadResumesFromTheByteWhereItStopped() throws Exception {
		this.server = new ScriptedHttpServer(cutAfterOffering("ETag: \"v1\""), theRest());
		List<HeadersReceived> headers = new CopyOnWriteArrayList<>();
		List<DownloadProgress> progress = new CopyOnWriteArrayList<>();
		DownloadTask task = kit(SIZE).downloadTemplate()
			.downloadFile(DownloadOptions.builder(this.server.url("/file"))
				.onHeadersReceived(headers::add)
				.onProgressUpdate(progress::add)
				.build());

		DownloadSuccess result = TaskAwait.await(task, WAIT_SECONDS);

		assertThat(Files.readAllBytes(result.tempFilePath())).isEqualTo(BODY);
		// The resume proof: every byte crossed the wire once, none was sent again after the cut.
		assertThat(this.server.bodyBytesSent()).isEqualTo(SIZE);
		ScriptedHttpServer.Received resumed = this.server.received().get(1);
		assertThat(resumed.header("Range")).isEqualTo("bytes=" + CUT + "-");
		assertThat(resumed.header("If-Range")).isEqualTo("\"v1\"");
		// One download as the listeners and the result see it: the 200 that started it, progress only rising.
		assertThat(result.statusCode()).isEqualTo(200);
		assertThat(result.header()).containsEntry("Accept-Ranges", "bytes");
		assertThat(headers).extracting(HeadersReceived::statusCode).containsExactly(200);
		assertThat(progress).extracting(DownloadProgress::progress).isSorted().doesNotHaveDuplicates().endsWith(100);
		assertThat(progress).allSatisfy((event) -> assertThat(event.totalBytesExpectedToWrite()).isEqualTo(SIZE));
		assertThat(result.exception().retryCount()).isEqualTo(1);
		assertThat(result.exception().reasons().get(0).errno()).isEqualTo(WxErrno.NETWORK_ERROR);
		assertThat(partFiles()).isEmpty();
	}

	@Test
	void lastModifiedServesWhenThereIsNoETagAndTheDateMakesItStrong() throws Exception {
		this.server = new ScriptedHttpServer(cutAfterOffering("Last-Modified: Wed, 21 Oct 2026 07:28:00 GMT",
				"Date: Wed, 21 Oct 2026 08:00:00 GMT"), theRest());

		DownloadSuccess result = TaskAwait.await(kit(SIZE).downloadTemplate()
			.downloadFile(DownloadOptions.builder(this.server.url("/file")).build()), WAIT_SECONDS);

		assertThat(Files.readAllBytes(result.tempFilePath())).isEqualTo(BODY);
		assertThat(this.server.received().get(1).header("If-Range")).isEqualTo("Wed, 21 Oct 2026 07:28:00 GMT");
		assertThat(this.server.bodyBytesSent()).isEqualTo(SIZE);
	}

	@Test
	void weakValidatorsAreNotResumedButStartedAgain() throws Exception {
		// RFC 9110: no If-Range with a weak ETag, nor with a date when an ETag exists or the date is not strong.
		this.server = new ScriptedHttpServer(cutAfterOffering("ETag: W/\"v1\"", "Last-Modified: Wed, 21 Oct 2026 07:28:00 GMT"),
				cutAfterOffering("Last-Modified: Wed, 21 Oct 2026 07:28:00 GMT", "Date: Wed, 21 Oct 2026 07:28:00 GMT"),
				whole(BODY));

		DownloadSuccess result = TaskAwait.await(kit(SIZE).downloadTemplate()
			.downloadFile(DownloadOptions.builder(this.server.url("/file")).build()), WAIT_SECONDS);

		assertThat(Files.readAllBytes(result.tempFilePath())).isEqualTo(BODY);
		assertThat(this.server.received()).extracting((request) -> request.header("Range")).containsOnlyNulls();
	}

	@Test
	void aChangedFileStartsAgainFromZero() throws Exception {
		// The server's file changed, so it ignores the range (If-Range no longer matches) and sends it whole.
		this.server = new ScriptedHttpServer(cutAfterOffering("ETag: \"v1\""), whole(CHANGED));

		List<DownloadProgress> progress = new CopyOnWriteArrayList<>();
		DownloadSuccess result = TaskAwait.await(kit(SIZE).downloadTemplate()
			.downloadFile(DownloadOptions.builder(this.server.url("/file")).onProgressUpdate(progress::add).build()),
				WAIT_SECONDS);

		assertThat(Files.readAllBytes(result.tempFilePath())).isEqualTo(CHANGED);
		assertThat(result.header()).containsEntry("ETag", "\"v2\"");
		assertThat(this.server.bodyBytesSent()).isEqualTo(CUT + SIZE);
		// Same length: progress does not go back to 0, it waits until the new bytes pass what was reported.
		assertThat(progress).extracting(DownloadProgress::progress).isSorted().doesNotHaveDuplicates().endsWith(100);
	}

	@Test
	void withoutRangesOrAValidatorTheDownloadStartsAgainWithoutAskingForARange() throws Exception {
		Step cutWithoutRanges = (request, exchange) -> {
			exchange.head("200 OK", "Content-Length: " + SIZE);
			exchange.body(BODY, 0, CUT);
		};
		this.server = new ScriptedHttpServer(cutWithoutRanges, cutAfterOffering(), whole(BODY));

		DownloadSuccess result = TaskAwait.await(kit(SIZE).downloadTemplate()
			.downloadFile(DownloadOptions.builder(this.server.url("/file")).build()), WAIT_SECONDS);

		assertThat(Files.readAllBytes(result.tempFilePath())).isEqualTo(BODY);
		assertThat(this.server.received()).extracting((request) -> request.header("Range")).containsOnlyNulls();
		assertThat(result.exception().retryCount()).isEqualTo(2);
	}

	@Test
	void aResumeFromTheWrongByteStartsAgain() throws Exception {
		Step wrongByte = (request, exchange) -> {
			exchange.head("206 Partial Content", "Content-Length: 10", "Content-Range: bytes 0-9/" + SIZE);
			exchange.body(BODY, 0, 10);
		};
		this.server = new ScriptedHttpServer(cutAfterOffering("ETag: \"v1\""), wrongByte, whole(BODY));

		DownloadSuccess result = TaskAwait.await(kit(SIZE).downloadTemplate()
			.downloadFile(DownloadOptions.builder(this.server.url("/file")).build()), WAIT_SECONDS);

		assertThat(Files.readAllBytes(result.tempFilePath())).isEqualTo(BODY);
		assertThat(this.server.received().get(2).header("Range")).isNull();
	}

	@Test
	void aRangeThatIsNotExactlyTheRestStartsAgain() throws Exception {
		Step short206 = (request, exchange) -> {
			exchange.head("206 Partial Content", "Content-Length: 100",
					"Content-Range: bytes " + CUT + "-" + (CUT + 99) + "/" + SIZE);
			exchange.body(BODY, CUT, CUT + 100);
		};
		Step otherVersion = (request, exchange) -> {
			exchange.head("206 Partial Content", "Content-Length: " + (SIZE - CUT),
					"Content-Range: bytes " + CUT + "-" + (SIZE - 1) + "/" + SIZE, "ETag: \"v2\"");
			exchange.body(CHANGED, CUT, SIZE);
		};
		Step refused = (request, exchange) -> exchange.head("416 Range Not Satisfiable", "Content-Length: 0",
				"Content-Range: bytes */" + SIZE);
		for (Step wrong : List.of(short206, otherVersion, refused)) {
			this.server = new ScriptedHttpServer(cutAfterOffering("ETag: \"v1\""), wrong, whole(BODY));

			DownloadSuccess result = TaskAwait.await(kit(SIZE).downloadTemplate()
				.downloadFile(DownloadOptions.builder(this.server.url("/file")).build()), WAIT_SECONDS);

			assertThat(Files.readAllBytes(result.tempFilePath())).isEqualTo(BODY);
			assertThat(this.server.received().get(1).header("Range")).isEqualTo("bytes=" + CUT + "-");
			assertThat(this.server.received().get(2).header("Range")).isNull();
			this.kit.close();
			this.server.close();
		}
		this.kit = null;
		this.server = null;
	}

	@Test
	void aBodyOkHttpUnzippedIsNotResumed() throws Exception {
		ByteArrayOutputStream zipped = new ByteArrayOutputStream();
		try (GZIPOutputStream gzip = new GZIPOutputStream(zipped)) {
			gzip.write(BODY);
		}
		byte[] gz = zipped.toByteArray();
		Step cutZipped = (request, exchange) -> {
			exchange.head("200 OK", "Content-Length: " + gz.length, "Content-Encoding: gzip", "Accept-Ranges: bytes",
					"ETag: \"v1\"");
			exchange.body(gz, 0, gz.length / 2);
		};
		this.server = new ScriptedHttpServer(cutZipped, whole(BODY));

		DownloadSuccess result = TaskAwait.await(kit(SIZE).downloadTemplate()
			.downloadFile(DownloadOptions.builder(this.server.url("/file")).build()), WAIT_SECONDS);

		assertThat(Files.readAllBytes(result.tempFilePath())).isEqualTo(BODY);
		assertThat(this.server.received().get(0).header("Accept-Encoding")).isEqualTo("gzip");
		assertThat(this.server.received().get(1).header("Range")).isNull();
	}

	@Test
	void aRangeTheCallerAskedForIsAskedForAgainNotResumed() throws Exception {
		this.server = new ScriptedHttpServer(cutAfterOffering("ETag: \"v1\""), whole(BODY));

		TaskAwait.await(kit(SIZE).downloadTemplate()
			.downloadFile(DownloadOptions.builder(this.server.url("/file")).header("Range", "bytes=0-").build()),
				WAIT_SECONDS);

		assertThat(this.server.received()).extracting((request) -> request.header("Range"))
			.containsExactly("bytes=0-", "bytes=0-");
	}

	@Test
	void aLocalFileErrorIsNotRetried() throws Exception {
		this.server = new ScriptedHttpServer(whole(BODY));
		// The temp dir is a file: no part can be made there (root ignores permissions, so not a read-only dir).
		Path notADirectory = Files.writeString(this.dir.resolve("not-a-directory"), "x");
		this.kit = WxTestKit.builder()
			.tempDir(notADirectory)
			.retry(new RetryProperties(3, Duration.ZERO, 1.0, Duration.ofSeconds(5), null, null))
			.build();

		WxNetworkException failure = TaskAwait.awaitFailure(this.kit.downloadTemplate()
			.downloadFile(DownloadOptions.builder(this.server.url("/file")).build()), WAIT_SECONDS);

		assertThat(failure.errno()).isEqualTo(WxErrno.NETWORK_ERROR);
		assertThat(failure.exception().retryCount()).isZero();
		assertThat(this.server.received()).hasSize(1);
	}

	@Test
	void theSizeCapCountsTheWholeFileAcrossTheResume() throws Exception {
		this.server = new ScriptedHttpServer(cutAfterOffering("ETag: \"v1\""), theRest());

		WxNetworkException failure = TaskAwait.awaitFailure(kit(SIZE - 1).downloadTemplate()
			.downloadFile(DownloadOptions.builder(this.server.url("/file")).build()), WAIT_SECONDS);

		assertThat(failure.errMsg()).isEqualTo("downloadFile:fail exceed max file size");
		assertThat(this.server.received()).hasSize(2);
		assertThat(partFiles()).isEmpty();
	}

	@Test
	void aDownloadToAFilePathResumesInPlaceOfItsPart() throws Exception {
		this.server = new ScriptedHttpServer(cutAfterOffering("ETag: \"v1\""), theRest());
		Path target = this.dir.resolve("tmp").resolve("kept.bin");
		Files.createDirectories(target.getParent());

		DownloadSuccess result = TaskAwait.await(kit(SIZE).downloadTemplate()
			.downloadFile(DownloadOptions.builder(this.server.url("/file")).filePath(target).build()), WAIT_SECONDS);

		assertThat(result.filePath()).isEqualTo(target);
		assertThat(Files.readAllBytes(target)).isEqualTo(BODY);
		assertThat(partFiles()).isEmpty();
	}

	@Test
	void anAbortWhileWaitingToResumeLeavesNoPartBehind() throws Exception {
		this.server = new ScriptedHttpServer(cutAfterOffering("ETag: \"v1\""), theRest());
		this.kit = WxTestKit.builder()
			.tempDir(this.dir.resolve("tmp"))
			.retry(new RetryProperties(3, Duration.ofMinutes(1), 1.0, Duration.ofMinutes(1), null, null))
			.build();
		CountDownLatch waiting = new CountDownLatch(1);
		this.kit.retryRegistry().retry("wx-download").getEventPublisher().onRetry((event) -> waiting.countDown());
		DownloadTask task = this.kit.downloadTemplate()
			.downloadFile(DownloadOptions.builder(this.server.url("/file")).timeout(Duration.ofMinutes(5)).build());
		assertThat(waiting.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();

		task.abort();
		WxNetworkException failure = TaskAwait.awaitFailure(task, WAIT_SECONDS);

		assertThat(failure.errMsg()).isEqualTo("downloadFile:fail abort");
		assertThat(TestFiles.filesUnder(this.dir.resolve("tmp"))).isEmpty();
		assertThat(this.server.received()).hasSize(1);
	}

	private List<Path> partFiles() {
		return TestFiles.filesUnder(this.dir).stream().filter((file) -> file.toString().endsWith(".part")).toList();
	}

}
