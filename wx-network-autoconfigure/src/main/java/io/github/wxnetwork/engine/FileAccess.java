package io.github.wxnetwork.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

import io.github.wxnetwork.TaskKind;
import io.github.wxnetwork.WxErrno;

/**
 * Which files tasks may touch: with {@code wx.network.user-data-dir} set, a {@code filePath} must lie
 * under it once {@code ..} and symbolic links are resolved; otherwise {@code permission denied}. An upload
 * may also read from {@code wx.network.temp-dir}, where downloads without a filePath put their files (as
 * a mini program may upload a download's {@code tempFilePath}).
 */
public final class FileAccess {

	private final Path root;

	private final Path tempDir;

	/** @param userDataDir the only root a filePath may name, or null for any path */
	public FileAccess(Path userDataDir) {
		this(userDataDir, null);
	}

	/**
	 * @param userDataDir the only root a filePath may name, or null for any path
	 * @param tempDir where downloads put their temp files: uploads may read them too (null: no such root)
	 */
	public FileAccess(Path userDataDir, Path tempDir) {
		this.root = (userDataDir != null) ? realPath(userDataDir.toAbsolutePath().normalize()) : null;
		this.tempDir = (tempDir != null) ? tempDir.toAbsolutePath().normalize() : null;
	}

	/** An upload source: an existing, readable regular file the task may read. */
	Path source(TaskKind kind, Path filePath) {
		if (filePath == null) {
			throw Failures.fail(kind, "file not found", WxErrno.NONE);
		}
		Path file = filePath.toAbsolutePath().normalize();
		if (this.root != null && !isUnder(file, this.root) && !isTempFile(file)) {
			throw Failures.fail(kind, "permission denied", WxErrno.PERMISSION_DENIED);
		}
		if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
			throw Failures.fail(kind, "file not found", WxErrno.NONE);
		}
		return file;
	}

	/** A download target the task may write: inside the root, not a directory. */
	Path target(TaskKind kind, Path filePath) {
		Path file = filePath.toAbsolutePath().normalize();
		if (file.getParent() == null || Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
			throw Failures.invalid(kind, "invalid filePath \"" + filePath + "\": it is a directory");
		}
		confine(kind, file);
		Path folder = nearestExisting(file.getParent());
		if (folder != null && !Files.isDirectory(folder)) {
			// Caught now, before the request is sent, rather than when the part file cannot be created.
			throw Failures.invalid(kind, "invalid filePath \"" + filePath + "\": " + folder + " is not a directory");
		}
		return file;
	}

	private static Path nearestExisting(Path path) {
		Path existing = path;
		while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
			existing = existing.getParent();
		}
		return existing;
	}

	private void confine(TaskKind kind, Path file) {
		if (this.root != null && !isUnder(file, this.root)) {
			throw Failures.fail(kind, "permission denied", WxErrno.PERMISSION_DENIED);
		}
	}

	/**
	 * Whether {@code file} is one of the temp dir's own files (a tempFilePath lies directly in it; the HTTP
	 * cache's sub-directory holds other tasks' responses and stays out of reach). The temp dir may be created
	 * after start-up, by the first download, so its real path is taken now.
	 */
	private boolean isTempFile(Path file) {
		if (this.tempDir == null || file.getParent() == null) {
			return false;
		}
		Path parent = realPath(file.getParent());
		return parent.equals(realPath(this.tempDir)) && !Files.isSymbolicLink(file);
	}

	/** Whether {@code file} leads under {@code root}: the nearest existing ancestor, links resolved, tells where. */
	private static boolean isUnder(Path file, Path root) {
		Path existing = nearestExisting(file);
		Path real = (existing != null) ? realPath(existing) : file;
		Path resolved = (existing != null) ? real.resolve(existing.relativize(file)).normalize() : file;
		return resolved.startsWith(root);
	}

	private static Path realPath(Path path) {
		try {
			return path.toRealPath();
		}
		catch (IOException ex) {
			return path;
		}
	}

}
