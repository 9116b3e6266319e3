package io.github.wxnetwork.engine;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** One cache per directory: a second user of the directory gets its own, gone when it closes. */
class HttpDiskCacheTests {

	@TempDir
	Path dir;

	@Test
	void aSecondCacheOnTheSameDirectoryGetsADirectoryOfItsOwn() throws Exception {
		Path shared = this.dir.resolve("http-cache");
		try (HttpDiskCache first = HttpDiskCache.open(shared, 1 << 20)) {
			Path second;
			try (HttpDiskCache other = HttpDiskCache.open(shared, 1 << 20)) {
				assertThat(first.cache().directory().toPath()).isEqualTo(shared);
				second = other.cache().directory().toPath();
				assertThat(second).isNotEqualTo(shared).hasParent(this.dir);
				assertThat(second.getFileName().toString()).startsWith("http-cache-");
			}
			assertThat(second).doesNotExist();
			assertThat(shared).exists();
		}
		try (HttpDiskCache again = HttpDiskCache.open(shared, 1 << 20)) {
			assertThat(again.cache().directory().toPath()).as("the lock was released").isEqualTo(shared);
		}
		assertThat(Files.list(this.dir)).containsExactly(shared);
	}

}
