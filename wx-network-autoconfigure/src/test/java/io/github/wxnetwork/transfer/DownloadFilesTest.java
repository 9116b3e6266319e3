package io.github.wxnetwork.transfer;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.wxnetwork.DownloadOptions;
import io.github.wxnetwork.DownloadSuccess;
import io.github.wxnetwork.DownloadTask;
import io.github.wxnetwork.engine.TempFiles;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Where downloads land on disk: filePath, parts, links, permissions, and the temp-dir sweep. */
class DownloadFilesTest extends TransferTestBase {

	private DownloadTask download(DownloadOptions.Builder options) {
		return this.kit.downloadTemplate().downloadFile(options.build());
	}

	private void serve(String path, byte[] body) {
		this.server.stubFor(get(path).willReturn(aResponse().withHeader("Content-Type", "application/octet-stream").withBody(body)));
	}

	private static boolean posix(Path path) throws java.io.IOException {
		Path existing = path;
		while (!Files.exists(existing)) {
			existing = existing.getParent();
		}
		return Files.getFileStore(existing).supportsFileAttributeView("posix");
	}

	@Test
	void withFilePathTheFileIsWrittenThereCreatingItsFolders() throws Exception {
		byte[] body = randomBytes(70_000, 21);
		serve("/f", body);
		Path target = this.dir.resolve("user/a/b/c/data.bin");
		DownloadSuccess success = await(download(DownloadOptions.builder(url("/f")).filePath(target)));
		assertThat(success.filePath()).isEqualTo(target);
		assertThat(success.tempFilePath()).isNull();
		assertThat(success.errMsg()).isEqualTo("downloadFile:ok");
		assertThat(Files.readAllBytes(target)).isEqualTo(body);
		// Nothing else beside it (no .part file) and nothing in the temp dir.
		assertThat(filesUnder(this.dir.resolve("user"))).containsExactly(target);
		assertThat(filesUnder(this.tempDir)).isEmpty();
	}

	@Test
	void whileStreamingTheBodyGoesToAPartFileBesideTheTargetNotTheTargetItself() throws Exception {
		byte[] body = randomBytes(40_000, 22);
		this.server.stubFor(get("/slow").willReturn(aResponse().withHeader("Content-Length", String.valueOf(body.length))
			.withBody(body)
			.withChunkedDribbleDelay(4, 200)));
		Path target = this.dir.resolve("out/data.bin");
		List<List<Path>> seenDuringTransfer = new CopyOnWriteArrayList<>();
		await(download(DownloadOptions.builder(url("/slow")).filePath(target).onProgressUpdate((progress) -> {
			if (progress.progress() < 100) {
				seenDuringTransfer.add(filesUnder(this.dir));
			}
		})));
		assertThat(seenDuringTransfer).isNotEmpty();
		for (List<Path> files : seenDuringTransfer) {
			assertThat(files).as("the target does not exist until the body is complete").doesNotContain(target);
			assertThat(files).hasSize(1);
			Path part = files.get(0);
			assertThat(part.getParent()).isEqualTo(target.getParent());
			assertThat(part.getFileName().toString()).startsWith(".").endsWith(".part");
		}
		assertThat(filesUnder(this.dir)).containsExactly(target);
	}

	@Test
	void anExistingFileIsReplaced() throws Exception {
		Path target = Files.createDirectories(this.dir.resolve("out")).resolve("data.txt");
		Files.writeString(target, "the old content, longer than the new one");
		serve("/f", "new".getBytes(StandardCharsets.UTF_8));
		DownloadSuccess success = await(download(DownloadOptions.builder(url("/f")).filePath(target)));
		assertThat(success.filePath()).isEqualTo(target);
		assertThat(target).hasContent("new");
		assertThat(filesUnder(target.getParent())).containsExactly(target);
	}

	@Test
	void concurrentDownloadsToOneFilePathNeverMixTheirBodies() throws Exception {
		byte[] first = randomBytes(200_000, 24);
		byte[] second = randomBytes(200_000, 25);
		this.server.stubFor(get("/first").willReturn(aResponse().withHeader("Content-Length", "200000").withBody(first)
			.withChunkedDribbleDelay(5, 250)));
		this.server.stubFor(get("/second").willReturn(aResponse().withHeader("Content-Length", "200000").withBody(second)
			.withChunkedDribbleDelay(5, 250)));
		Path target = this.dir.resolve("out/shared.bin");
		DownloadTask one = download(DownloadOptions.builder(url("/first")).filePath(target));
		DownloadTask two = download(DownloadOptions.builder(url("/second")).filePath(target));
		assertThat(await(one).filePath()).isEqualTo(target);
		assertThat(await(two).filePath()).isEqualTo(target);
		byte[] stored = Files.readAllBytes(target);
		assertThat(java.util.Arrays.equals(stored, first) || java.util.Arrays.equals(stored, second))
			.as("the file is one whole body, never a mix").isTrue();
		assertThat(filesUnder(this.dir)).containsExactly(target);
	}

	@Test
	void aSymbolicLinkPlantedAtTheTargetIsReplacedNotFollowed() throws Exception {
		Path victim = Files.writeString(this.dir.resolve("victim.txt"), "precious");
		Path target = Files.createDirectories(this.dir.resolve("out")).resolve("data.txt");
		Files.createSymbolicLink(target, victim);
		serve("/f", "downloaded".getBytes(StandardCharsets.UTF_8));
		await(download(DownloadOptions.builder(url("/f")).filePath(target)));
		assertThat(Files.isSymbolicLink(target)).as("the link was replaced by a file").isFalse();
		assertThat(Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)).isTrue();
		assertThat(target).hasContent("downloaded");
		assertThat(victim).as("the link's target is untouched").hasContent("precious");
	}

	@Test
	void aFilePathInsideTheUserDataDirIsAllowed() throws Exception {
		Path root = Files.createDirectories(this.dir.resolve("user-data"));
		useKit(kitBuilder().userDataDir(root));
		serve("/f", "ok".getBytes(StandardCharsets.UTF_8));
		Path target = root.resolve("new/folder/ok.txt");
		DownloadSuccess success = await(download(DownloadOptions.builder(url("/f")).filePath(target)));
		assertThat(success.filePath()).isEqualTo(target);
		assertThat(target).hasContent("ok");
	}

	@Test
	void tempFilesAndTheTempDirAreOwnerOnly() throws Exception {
		assumeTrue(posix(this.dir), "needs a POSIX file system");
		serve("/f", "secret".getBytes(StandardCharsets.UTF_8));
		DownloadSuccess success = await(download(DownloadOptions.builder(url("/f"))));
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(success.tempFilePath())))
			.isEqualTo("rw-------");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(this.tempDir))).isEqualTo("rwx------");
	}

	@Test
	void partFilesBesideATargetAreOwnerOnlyWhileTheyStream() throws Exception {
		Path target = this.dir.resolve("out/data.bin");
		assumeTrue(posix(this.dir), "needs a POSIX file system");
		byte[] body = randomBytes(20_000, 23);
		this.server.stubFor(get("/slow").willReturn(aResponse().withHeader("Content-Length", String.valueOf(body.length))
			.withBody(body)
			.withChunkedDribbleDelay(2, 100)));
		List<String> permissions = new CopyOnWriteArrayList<>();
		await(download(DownloadOptions.builder(url("/slow")).filePath(target).onProgressUpdate((progress) -> {
			for (Path part : filesUnder(target.getParent())) {
				try {
					permissions.add(PosixFilePermissions.toString(Files.getPosixFilePermissions(part)));
				}
				catch (java.io.IOException ex) {
					permissions.add(ex.toString());
				}
			}
		})));
		assertThat(permissions).isNotEmpty().containsOnly("rw-------");
	}

	@Test
	void theSweepDeletesOldTempFilesAndKeepsFreshOnes() throws Exception {
		TempFiles tempFiles = this.kit.tempFiles();
		Path temp = Files.createDirectories(tempFiles.tempDir());
		FileTime twoHoursAgo = FileTime.from(Instant.now().minus(Duration.ofHours(2)));
		Path old = Files.writeString(temp.resolve("0123456789abcdef0123456789abcdef.png"), "old");
		Files.setLastModifiedTime(old, twoHoursAgo);
		Path oldPart = Files.writeString(temp.resolve(".wx-123.part"), "crashed");
		Files.setLastModifiedTime(oldPart, twoHoursAgo);
		Path fresh = Files.writeString(temp.resolve("fedcba9876543210fedcba9876543210.png"), "fresh");
		Path oldDir = Files.createDirectories(temp.resolve("a-folder"));
		Files.setLastModifiedTime(oldDir, twoHoursAgo);

		assertThat(tempFiles.sweep(Duration.ofHours(1))).isEqualTo(2);
		assertThat(old).doesNotExist();
		assertThat(oldPart).doesNotExist();
		assertThat(fresh).exists().hasContent("fresh");
		assertThat(oldDir).as("folders are not the sweep's business").isDirectory();
		assertThat(tempFiles.sweep(Duration.ofHours(1))).isZero();
	}

	@Test
	void theSweepKeepsADownloadJustMadeAndNeverFollowsLinksOutOfTheTempDir() throws Exception {
		serve("/f", "just downloaded".getBytes(StandardCharsets.UTF_8));
		DownloadSuccess success = await(download(DownloadOptions.builder(url("/f"))));
		Path outside = Files.writeString(this.dir.resolve("outside.txt"), "not yours");
		Files.setLastModifiedTime(outside, FileTime.from(Instant.now().minus(Duration.ofDays(2))));
		Path link = Files.createSymbolicLink(this.kit.tempFiles().tempDir().resolve("link"), outside);
		this.kit.tempFiles().sweep(Duration.ofHours(1));
		assertThat(success.tempFilePath()).hasContent("just downloaded");
		assertThat(outside).as("a file outside the temp dir survives").hasContent("not yours");
		assertThat(link.getParent()).isEqualTo(this.kit.tempFiles().tempDir());
	}

	@Test
	void theSweepOfATempDirThatDoesNotExistDoesNothing() {
		TempFiles tempFiles = new TempFiles(this.dir.resolve("never-created"));
		assertThat(tempFiles.sweep(Duration.ZERO)).isZero();
		assertThat(this.dir.resolve("never-created")).doesNotExist();
	}

}
