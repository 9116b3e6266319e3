package io.github.wxnetwork.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** The harness's own arithmetic and plumbing (fast: no server, no timing). */
class HarnessTest {

	@Test
	void quantilesAreNearestRank() {
		long[] values = new long[100];
		for (int i = 0; i < 100; i++) {
			values[i] = 100 - i;
		}
		Stats stats = new Stats(values);
		assertThat(stats.quantile(0.50)).isEqualTo(50);
		assertThat(stats.quantile(0.99)).isEqualTo(99);
		assertThat(stats.quantile(1.0)).isEqualTo(100);
		assertThat(new Stats(new long[0]).quantile(0.5)).isZero();
	}

	@Test
	void resultLinesRoundTrip() {
		String line = "RESULT\tscenario=get\tclient=wx\tfirstError=java.io.IOException: a b";
		Map<String, String> fields = Results.parse(line);
		assertThat(fields).containsEntry("scenario", "get")
			.containsEntry("client", "wx")
			.containsEntry("firstError", "java.io.IOException: a b");
		assertThat(Results.parse("SLF4J: something")).isNull();
	}

	@Test
	void reportReplacesOnlyItsBlock(@TempDir Path dir) throws Exception {
		Path file = dir.resolve("BENCHMARKS.md");
		Files.writeString(file, "# Title\n\nhand-written\n\n" + Report.BEGIN + "\nold\n" + Report.END + "\n\nafter\n");
		Report.writeInto(file, Report.BEGIN + "\nnew\n" + Report.END + "\n");
		assertThat(Files.readString(file)).isEqualTo(
				"# Title\n\nhand-written\n\n" + Report.BEGIN + "\nnew\n" + Report.END + "\n\nafter\n");
	}

	@Test
	void numbersAreGroupedAndRatiosRounded() {
		assertThat(Report.grouped("12345.6")).isEqualTo("12,346");
		assertThat(Report.grouped("12.34")).isEqualTo("12.3");
		assertThat(Report.ratio(95, 100)).isEqualTo("0.95");
		assertThat(Report.ratio(1, Double.NaN)).isEqualTo("n/a");
	}

	@Test
	void bestRoundIsFastestLeastAllocatingAndMostRetaining() {
		List<Map<String, String>> rows = List.of(
				Map.of("scenario", "get", "client", "wx", "threads", "1", "rps", "100"),
				Map.of("scenario", "get", "client", "wx", "threads", "1", "rps", "120"),
				Map.of("scenario", "get", "client", "wx", "threads", "10", "rps", "90"),
				Map.of("scenario", "alloc", "client", "wx", "bytesPerCall", "900"),
				Map.of("scenario", "alloc", "client", "wx", "bytesPerCall", "800"),
				Map.of("scenario", "heap", "kind", "download", "client", "wx", "retainedMiB", "1.0"),
				Map.of("scenario", "heap", "kind", "download", "client", "wx", "retainedMiB", "3.0"),
				Map.of("scenario", "get", "client", "forest", "failed", "boom"),
				Map.of("scenario", "get", "client", "feign", "failed", "once"),
				Map.of("scenario", "get", "client", "feign", "threads", "1", "rps", "50"));
		List<Map<String, String>> best = Suite.best(rows);
		assertThat(best).extracting((row) -> row.get("client") + ":" + row.getOrDefault("rps",
				row.getOrDefault("bytesPerCall", row.getOrDefault("retainedMiB", row.get("failed")))))
			.containsExactly("wx:120", "wx:90", "wx:800", "wx:3.0", "forest:boom", "feign:50");
	}

	@Test
	void uploadCheckCountsWholeBodies(@TempDir Path dir) throws Exception {
		Path log = dir.resolve("upload.log");
		Files.writeString(log, "/upload 200 52429219 0.090\n/upload 200 220 0.045\n/json 200 80 0.000\n");
		Suite.UploadCheck check = Suite.UploadCheck.read(log, 50L * 1024 * 1024);
		assertThat(check.requests()).isEqualTo(2);
		assertThat(check.complete()).isEqualTo(1);
		assertThat(check.minLength()).isEqualTo(220);
	}

}
