package io.github.wxnetwork.transfer;

import io.github.wxnetwork.WxErrno;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import io.github.wxnetwork.DownloadOptions;
import io.github.wxnetwork.DownloadProgress;
import io.github.wxnetwork.DownloadSuccess;
import io.github.wxnetwork.DownloadTask;
import io.github.wxnetwork.HeadersReceived;
import io.github.wxnetwork.TaskState;
import io.github.wxnetwork.WxNetworkException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code wx.network.download.max-file-size}: counted on the bytes received, whatever Content-Length
 * says or whether there is one, failing with {@code exceed max file size} / 603301 and leaving nothing.
 */
class DownloadSizeCapTest extends TransferTestBase {

	private static final int CAP = 64 * 1024;

	private static final String EXCEEDED = "downloadFile:fail exceed max file size";

	/** What the fail callback saw on disk (under the test's directory) when it ran. */
	private final List<List<Path>> filesSeenByFail = new CopyOnWriteArrayList<>();

	@BeforeEach
	void capTheKit() {
		useKit(kitBuilder().maxFileSize(CAP));
	}

	private DownloadTask download(DownloadOptions.Builder options) {
		return this.kit.downloadTemplate().downloadFile(options.build());
	}

	private void serve(String path, ResponseDefinitionBuilder response) {
		this.server.stubFor(get(path).willReturn(response));
	}

	/** Runs a download that must exceed the cap, and checks the failure and that nothing is left. */
	private WxNetworkException exceeds(DownloadOptions.Builder options) throws Exception {
		Callbacks<DownloadSuccess> callbacks = new Callbacks<>();
		callbacks.on(options).fail((error) -> {
			this.filesSeenByFail.add(filesUnder(this.dir));
			callbacks.failures.incrementAndGet();
			callbacks.errors.add(error);
			callbacks.order.add("fail");
		});
		DownloadTask task = download(options);
		WxNetworkException failure = awaitFailure(task);
		assertThat(failure.errMsg()).isEqualTo(EXCEEDED);
		assertThat(failure.errno()).isEqualTo(WxErrno.EXCEED_MAX_FILE_SIZE);
		assertThat(task.state()).isEqualTo(TaskState.FAILED);
		callbacks.assertFailedOnce();
		assertThat(this.filesSeenByFail).as("the fail callback runs after the part is gone").hasSize(1);
		return failure;
	}

	@Test
	void aChunkedBodyOverTheCapFailsAndLeavesNothingInTheTempDir() throws Exception {
		serve("/chunked", aResponse().withBody(randomBytes(4 * CAP, 41)));
		List<HeadersReceived> headers = new CopyOnWriteArrayList<>();
		exceeds(DownloadOptions.builder(url("/chunked")).onHeadersReceived(headers::add));
		assertThat(headers).singleElement().satisfies((received) -> {
			assertThat(received.header()).doesNotContainKey("content-length");
			assertThat(received.header().get("transfer-encoding")).isEqualTo("chunked");
		});
		assertThat(this.filesSeenByFail.get(0)).isEmpty();
		assertThat(filesUnder(this.tempDir)).isEmpty();
	}

	@Test
	void aChunkedBodyOverTheCapToAFilePathLeavesNothingInTheTargetFolder() throws Exception {
		serve("/chunked", aResponse().withBody(randomBytes(4 * CAP, 42)));
		Path target = this.dir.resolve("out/data.bin");
		exceeds(DownloadOptions.builder(url("/chunked")).filePath(target));
		assertThat(this.filesSeenByFail.get(0)).isEmpty();
		assertThat(filesUnder(this.dir)).isEmpty();
		assertThat(target).doesNotExist();
	}

	@Test
	void anOlderFileAtTheFilePathSurvivesADownloadOverTheCap() throws Exception {
		serve("/chunked", aResponse().withBody(randomBytes(4 * CAP, 43)));
		Path target = Files.createDirectories(this.dir.resolve("out")).resolve("data.bin");
		Files.writeString(target, "older");
		exceeds(DownloadOptions.builder(url("/chunked")).filePath(target));
		assertThat(target).hasContent("older");
		assertThat(filesUnder(this.dir)).containsExactly(target);
	}

	@Test
	void oneByteOverTheCapIsTooMuch() throws Exception {
		serve("/chunked", aResponse().withBody(randomBytes(CAP + 1, 44)));
		exceeds(DownloadOptions.builder(url("/chunked")));
		assertThat(filesUnder(this.dir)).isEmpty();
	}

	@Test
	void aChunkedBodyExactlyAtTheCapSucceeds() throws Exception {
		byte[] body = randomBytes(CAP, 45);
		serve("/chunked", aResponse().withBody(body));
		DownloadSuccess success = await(download(DownloadOptions.builder(url("/chunked"))));
		assertThat(success.header()).doesNotContainKey("content-length");
		assertThat(Files.readAllBytes(success.tempFilePath())).isEqualTo(body);
	}

	@Test
	void aBodyWithContentLengthExactlyAtTheCapSucceeds() throws Exception {
		byte[] body = randomBytes(CAP, 46);
		serve("/exact", aResponse().withHeader("Content-Length", String.valueOf(CAP)).withBody(body));
		List<DownloadProgress> progress = new CopyOnWriteArrayList<>();
		DownloadSuccess success = await(download(DownloadOptions.builder(url("/exact")).onProgressUpdate(progress::add)));
		assertThat(Files.readAllBytes(success.tempFilePath())).isEqualTo(body);
		assertThat(progress.get(progress.size() - 1)).isEqualTo(new DownloadProgress(100, CAP, CAP));
	}

	@Test
	void aContentLengthOverTheCapFailsOnlyOnceTheBytesReceivedPassIt() throws Exception {
		int size = 4 * CAP;
		serve("/big", aResponse().withHeader("Content-Length", String.valueOf(size)).withBody(randomBytes(size, 47)));
		List<DownloadProgress> progress = new CopyOnWriteArrayList<>();
		exceeds(DownloadOptions.builder(url("/big")).onProgressUpdate(progress::add));
		// The body was streamed (and counted) up to the cap: the header alone decided nothing.
		assertThat(progress).isNotEmpty();
		DownloadProgress last = progress.get(progress.size() - 1);
		assertThat(last.totalBytesExpectedToWrite()).isEqualTo(size);
		assertThat(last.totalBytesWritten()).isPositive().isLessThanOrEqualTo(CAP);
		assertThat(filesUnder(this.dir)).isEmpty();
	}

	@Test
	void aContentLengthOverTheCapWithABodyWithinItIsNotACapFailure() throws Exception {
		// Declares 4 x the cap, sends a tenth of the cap and ends: a truncated body, not an oversized one.
		serve("/liar", aResponse().withHeader("Content-Length", String.valueOf(4 * CAP)).withBody(randomBytes(CAP / 10, 48)));
		DownloadTask task = download(DownloadOptions.builder(url("/liar")));
		WxNetworkException failure = awaitFailure(task);
		assertThat(failure.errMsg()).isNotEqualTo(EXCEEDED).contains("end of stream");
		assertThat(failure.errno()).isEqualTo(WxErrno.NETWORK_ERROR);
		assertThat(filesUnder(this.dir)).isEmpty();
	}

	@Test
	void aContentLengthUnderTheCapBoundsWhatIsStoredEvenIfTheServerSendsMore() throws Exception {
		byte[] sent = randomBytes(4 * CAP, 49);
		serve("/liar", aResponse().withHeader("Content-Length", "500").withBody(sent));
		DownloadSuccess success = await(download(DownloadOptions.builder(url("/liar"))));
		assertThat(Files.readAllBytes(success.tempFilePath())).isEqualTo(Arrays.copyOf(sent, 500));
	}

	@Test
	void theCapCountsDecodedBytesSoAGzipBombIsStopped() throws Exception {
		byte[] compressed = DownloadTest.gzip(new byte[16 * CAP]);
		assertThat(compressed.length).isLessThan(CAP / 8);
		serve("/bomb", aResponse().withHeader("Content-Encoding", "gzip").withBody(compressed));
		exceeds(DownloadOptions.builder(url("/bomb")));
		assertThat(filesUnder(this.dir)).isEmpty();
	}

	@Test
	void theCapStopsASlowBodyTheMomentItIsPassedNotAtItsEnd() throws Exception {
		// 40 KiB pieces a second apart (10 s in all, no Content-Length): the cap (64 KiB) passes on the second.
		serve("/slow", aResponse().withBody(randomBytes(10 * 40 * 1024, 50)).withChunkedDribbleDelay(10, 10_000));
		long start = System.nanoTime();
		exceeds(DownloadOptions.builder(url("/slow")));
		long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
		assertThat(elapsedMillis).as("failed long before the body would have ended").isLessThan(6_000);
		assertThat(filesUnder(this.dir)).isEmpty();
	}

}
