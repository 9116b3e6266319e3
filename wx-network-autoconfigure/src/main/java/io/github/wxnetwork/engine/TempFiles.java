package io.github.wxnetwork.engine;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import okhttp3.MediaType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The files downloads write: {@code .part} files beside their target while the body streams, and the
 * unguessable {@code tempFilePath} names under {@code wx.network.temp-dir}. Created owner-only where the
 * file system has POSIX permissions. {@link #sweep(Duration)} removes what nobody collected.
 */
public final class TempFiles {

	private static final Logger logger = LoggerFactory.getLogger(TempFiles.class);

	static final String PART_SUFFIX = ".part";

	private static final SecureRandom random = new SecureRandom();

	private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

	private static final Map<String, String> EXTENSIONS = Map.ofEntries(Map.entry("image/jpeg", "jpg"),
			Map.entry("image/png", "png"), Map.entry("image/gif", "gif"), Map.entry("image/webp", "webp"),
			Map.entry("image/svg+xml", "svg"), Map.entry("image/bmp", "bmp"), Map.entry("audio/mpeg", "mp3"),
			Map.entry("audio/mp4", "m4a"), Map.entry("audio/aac", "aac"), Map.entry("audio/wav", "wav"),
			Map.entry("video/mp4", "mp4"), Map.entry("video/webm", "webm"), Map.entry("application/pdf", "pdf"),
			Map.entry("application/json", "json"), Map.entry("application/zip", "zip"),
			Map.entry("application/gzip", "gz"), Map.entry("text/plain", "txt"), Map.entry("text/html", "html"),
			Map.entry("text/csv", "csv"), Map.entry("application/xml", "xml"), Map.entry("text/xml", "xml"));

	private final Path tempDir;

	public TempFiles(Path tempDir) {
		this.tempDir = tempDir.toAbsolutePath().normalize();
	}

	public Path tempDir() {
		return this.tempDir;
	}

	/** A new, empty, owner-only {@code .part} file in {@code directory} (created with its parents). */
	Path newPartFile(Path directory) throws IOException {
		createDirectories(directory);
		return POSIX
				? Files.createTempFile(directory, ".wx-", PART_SUFFIX,
						PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
				: Files.createTempFile(directory, ".wx-", PART_SUFFIX);
	}

	/** An unguessable name under the temp dir, with an extension from the Content-Type when known. */
	Path newTempFilePath(MediaType contentType) {
		byte[] name = new byte[16];
		random.nextBytes(name);
		String extension = (contentType != null)
				? EXTENSIONS.get(contentType.type() + "/" + contentType.subtype().toLowerCase(Locale.ROOT)) : null;
		return this.tempDir.resolve(HexFormat.of().formatHex(name) + ((extension != null) ? "." + extension : ""));
	}

	private void createDirectories(Path directory) throws IOException {
		if (!Files.isDirectory(directory)) {
			FileAttribute<?>[] ownerOnly = (POSIX && directory.equals(this.tempDir))
					? new FileAttribute<?>[] { PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")) }
					: new FileAttribute<?>[0];
			Files.createDirectories(directory, ownerOnly);
		}
	}

	static void deleteQuietly(Path file) {
		if (file == null) {
			return;
		}
		try {
			Files.deleteIfExists(file);
		}
		catch (IOException ex) {
			logger.warn("Could not delete {}", file, ex);
		}
	}

	/** Sweeps now and then every {@code maxAge / 4} (at least each minute, at most each hour) on {@code scheduler}. */
	public void sweepEvery(ScheduledExecutorService scheduler, Duration maxAge) {
		long period = Math.max(60_000, Math.min(3_600_000, maxAge.toMillis() / 4));
		scheduler.scheduleWithFixedDelay(() -> sweep(maxAge), 0, period, TimeUnit.MILLISECONDS);
	}

	/**
	 * Deletes regular files in the temp dir last modified longer than {@code maxAge} ago: downloads
	 * whose {@code tempFilePath} nobody moved, and parts left by a crash.
	 * @return how many files were deleted
	 */
	public int sweep(Duration maxAge) {
		if (!Files.isDirectory(this.tempDir)) {
			return 0;
		}
		FileTime cutoff = FileTime.from(Instant.now().minus(maxAge));
		int deleted = 0;
		try (DirectoryStream<Path> files = Files.newDirectoryStream(this.tempDir)) {
			for (Path file : files) {
				try {
					if (Files.isRegularFile(file) && Files.getLastModifiedTime(file).compareTo(cutoff) < 0
							&& Files.deleteIfExists(file)) {
						deleted++;
					}
				}
				catch (IOException ex) {
					logger.debug("Could not sweep {}", file, ex);
				}
			}
		}
		catch (IOException ex) {
			logger.warn("Could not sweep {}", this.tempDir, ex);
		}
		return deleted;
	}

}
