package io.github.wxnetwork.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

import io.github.wxnetwork.TaskKind;
import io.github.wxnetwork.WxErrno;

/**
 * Which files tasks may touch: with {@code wx.network.user-data-dir} set, a {@code filePath} must lie
 * under it once {@code ..} and symbolic links are resolved; otherwise {@code permission denied}.
 */
public final class FileAccess {

	private final Path root;

	/** @param userDataDir the only root a filePath may name, or null for any path */
	public FileAccess(Path userDataDir) {
		this.root = (userDataDir != null) ? realPath(userDataDir.toAbsolutePath().normalize()) : null;
	}

	/** An upload source: an existing, readable regular file the task may read. */
	Path source(TaskKind kind, Path filePath) {
		if (filePath == null) {
			throw Failures.fail(kind, "file not found", WxErrno.NONE);
		}
		Path file = filePath.toAbsolutePath().normalize();
		confine(kind, file);
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
		if (this.root == null) {
			return;
		}
		// The nearest existing ancestor, with links resolved, tells where the path really leads.
		Path existing = nearestExisting(file);
		Path real = (existing != null) ? realPath(existing) : file;
		Path resolved = (existing != null) ? real.resolve(existing.relativize(file)).normalize() : file;
		if (!resolved.startsWith(this.root)) {
			throw Failures.fail(kind, "permission denied", WxErrno.PERMISSION_DENIED);
		}
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
