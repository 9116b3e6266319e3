package io.github.wxnetwork.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * What the test suites look for on disk after a transfer: which files a task left behind.
 */
public final class TestFiles {

	private TestFiles() {
	}

	/** Every regular file or link under {@code root} (recursively), empty when root does not exist. */
	public static List<Path> filesUnder(Path root) {
		if (!Files.exists(root)) {
			return List.of();
		}
		try (Stream<Path> walk = Files.walk(root)) {
			return walk.filter((path) -> !Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)).toList();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
