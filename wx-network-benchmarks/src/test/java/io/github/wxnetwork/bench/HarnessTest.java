package io.github.wxnetwork.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
	void bestRoundKeepsProtocolsApart() {
		List<Map<String, String>> rows = List.of(
				Map.of("scenario", "https-get", "client", "wx", "threads", "1", "protocol", "h1", "rps", "100"),
				Map.of("scenario", "https-get", "client", "wx", "threads", "1", "protocol", "h2", "rps", "90"),
				Map.of("scenario", "https-get", "client", "wx", "threads", "1", "protocol", "h1", "rps", "80"),
				Map.of("scenario", "https-get", "client", "okhttp", "protocol", "h2", "failed", "boom"),
				Map.of("scenario", "https-get", "client", "okhttp", "threads", "1", "protocol", "h1", "rps", "70"));
		assertThat(Suite.best(rows)).extracting((row) -> row.get("client") + ":" + row.get("protocol") + ":"
				+ row.getOrDefault("rps", row.get("failed")))
			.containsExactly("wx:h1:100", "wx:h2:90", "okhttp:h2:boom", "okhttp:h1:70");
	}

	@Test
	void tlsMayCostWxNetworkNoMoreThanRawOkHttpWithinTheTolerance() {
		assertThat(HttpsSection.losesNoMore(0.60, 0.62)).isTrue();
		assertThat(HttpsSection.losesNoMore(0.58, 0.62)).isTrue();
		assertThat(HttpsSection.losesNoMore(0.56, 0.62)).isFalse();
		assertThat(HttpsSection.losesNoMore(0.95, 0.90)).isTrue();
	}

	@Test
	void httpsTargetsCompareWithPlainHttpForGetsAndWithRawOkHttpForDownloads() {
		List<Map<String, String>> rows = List.of(Map.of("scenario", "get", "client", "okhttp", "threads", "1", "rps", "1000"),
				Map.of("scenario", "get", "client", "wx", "threads", "1", "rps", "600"),
				Map.of("scenario", "https-get", "client", "okhttp", "threads", "1", "protocol", "h1", "rps", "500"),
				Map.of("scenario", "https-get", "client", "wx", "threads", "1", "protocol", "h1", "rps", "280"),
				Map.of("scenario", "https-get", "client", "okhttp", "threads", "1", "protocol", "h2", "rps", "500"),
				Map.of("scenario", "https-get", "client", "wx", "threads", "1", "protocol", "h2", "rps", "260"),
				Map.of("scenario", "https-download", "client", "curl", "concurrent", "1", "protocol", "h1", "mibps", "400"),
				Map.of("scenario", "https-download", "client", "okhttp", "concurrent", "1", "protocol", "h1", "mibps", "360"),
				Map.of("scenario", "https-download", "client", "wx", "concurrent", "1", "protocol", "h1", "mibps", "350"),
				Map.of("scenario", "https-download", "client", "curl", "concurrent", "1", "protocol", "h2", "mibps", "400"),
				Map.of("scenario", "https-download", "client", "okhttp", "concurrent", "1", "protocol", "h2", "mibps", "360"),
				Map.of("scenario", "https-download", "client", "wx", "concurrent", "1", "protocol", "h2", "mibps", "300"),
				Map.of("scenario", "https-download", "client", "wx", "protocol", "h1", "failed", "boom"));
		List<String> lines = new ArrayList<>();
		new HttpsSection(rows, lines::add).targets();
		assertThat(lines).hasSize(8);
		// GET c=1: 0.56 vs 0.60 over plain HTTP (met), 0.52 vs 0.60 (missed); c=10 did not run.
		assertThat(lines.get(0))
			.contains("small GET c=1, HTTP/1.1", "0.56 over HTTPS (280 vs 500 req/s) vs 0.60 over plain HTTP")
			.endsWith("| met |");
		assertThat(lines.get(1)).contains("small GET c=1, h2").endsWith("| **MISSED** |");
		assertThat(lines.get(2)).contains("small GET c=10, HTTP/1.1").endsWith("| n/a | not measured |");
		// Download, 1 at once: 0.88 vs OkHttp's 0.90 (met), 0.75 vs 0.90 (missed).
		assertThat(lines.get(4))
			.contains("download, 1 at once, HTTP/1.1", "0.88 vs 0.90 (wx-network 350, OkHttp 360, curl 400 MiB/s)")
			.endsWith("| met |");
		assertThat(lines.get(5)).contains("download, 1 at once, h2").endsWith("| **MISSED** |");
		assertThat(lines.get(6)).contains("download, 10 at once").endsWith("| not measured |");
		List<String> tables = new ArrayList<>();
		new HttpsSection(rows, tables::add).tables();
		assertThat(tables).anyMatch((line) -> line.endsWith("`WxRequestTemplate`** (`request().join()`) | HTTP/1.1 | 280 "
				+ "| 0.56 | n/a | n/a | n/a | n/a (not run) | | | | |"))
			.anyMatch((line) -> line.endsWith("`WxDownloadTemplate`** (`filePath`) | h2 | 300 | 0.75 | n/a (not run) | |"))
			.anyMatch((line) -> line.endsWith("`WxDownloadTemplate`** (`filePath`) | HTTP/1.1 | 350 | 0.88 | n/a (boom) | |"));
	}

	@Test
	void protocolNamesOfEveryClientAreOne() {
		assertThat(Tls.normalize("h2")).isEqualTo("h2");
		assertThat(Tls.normalize("2")).isEqualTo("h2");
		assertThat(Tls.normalize("http/1.1")).isEqualTo("http/1.1");
		assertThat(Tls.normalize("http1.1")).isEqualTo("http/1.1");
		assertThat(Tls.normalize("1.1")).isEqualTo("http/1.1");
		assertThat(Tls.normalize(null)).isEqualTo("unknown");
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
