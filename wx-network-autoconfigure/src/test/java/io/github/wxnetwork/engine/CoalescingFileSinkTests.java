package io.github.wxnetwork.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Random;

import okio.Buffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class CoalescingFileSinkTests {

	@TempDir
	Path dir;

	@Test
	void segmentSizedWritesReachTheFileWholeAndInOrderByClose() throws IOException {
		byte[] body = random(3 * 64 * 1024 + 5_000);
		Path file = Files.createFile(this.dir.resolve("a.part"));
		try (CoalescingFileSink sink = CoalescingFileSink.open(file, StandardOpenOption.WRITE)) {
			for (int offset = 0; offset < body.length; offset += 8192) {
				Buffer chunk = new Buffer().write(body, offset, Math.min(8192, body.length - offset));
				sink.write(chunk, chunk.size());
				assertThat(chunk.size()).isZero();
			}
			// Whole pieces are on disk already; the tail waits for flush or close.
			assertThat(Files.size(file)).isEqualTo(3 * 64 * 1024);
		}
		assertThat(Files.readAllBytes(file)).isEqualTo(body);
	}

	@Test
	void flushPutsWhatWaitsOnDiskSoAResumeCountsIt() throws IOException {
		Path file = Files.write(this.dir.resolve("b.part"), new byte[] { 1, 2 });
		try (CoalescingFileSink sink = CoalescingFileSink.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
			Buffer chunk = new Buffer().write(new byte[] { 3, 4, 5 });
			sink.write(chunk, 2);
			assertThat(chunk.size()).isEqualTo(1);
			sink.flush();
			assertThat(Files.readAllBytes(file)).containsExactly(1, 2, 3, 4);
		}
	}

	@Test
	void askingForMoreThanTheSourceHoldsIsAnError() throws IOException {
		Path file = Files.createFile(this.dir.resolve("c.part"));
		try (CoalescingFileSink sink = CoalescingFileSink.open(file, StandardOpenOption.WRITE)) {
			assertThatIllegalArgumentException().isThrownBy(() -> sink.write(new Buffer().write(new byte[3]), 4));
		}
	}

	private static byte[] random(int size) {
		byte[] bytes = new byte[size];
		new Random(size).nextBytes(bytes);
		return bytes;
	}

}
