package io.github.wxnetwork.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** The scale benchmark's plumbing: result lines, the section, its markers (fast: no server, no timing). */
class ScaleReportTest {

	@Test
	void resultLinesRoundTripAndOtherLinesAreIgnored() {
		Map<String, String> metrics = ScaleReport.parse(List.of("SLF4J: noise", ScaleReport.line("tasks", "1000"),
				ScaleReport.line("firstError", "request:fail a\nb"), "scale.=x", "scale.noValue",
				ScaleReport.line("tasks", "999")));
		assertThat(metrics).containsOnlyKeys("tasks", "firstError")
			.containsEntry("tasks", "999")
			.containsEntry("firstError", "request:fail a b");
	}

	@Test
	void numbersAreGrouped() {
		assertThat(ScaleReport.grouped("1000")).isEqualTo("1,000");
		assertThat(ScaleReport.grouped("1234.56")).isEqualTo("1,235");
		assertThat(ScaleReport.grouped("12.34")).isEqualTo("12.3");
		assertThat(ScaleReport.grouped("n/a")).isEqualTo("n/a");
	}

	@Test
	void tableHasAColumnPerRunAndSaysWhichFailed() {
		ScaleReport.Column java17 = new ScaleReport.Column("Java 17", Map.of("tasks", "1000", "done", "true",
				"platformThreadsPeak", "1023", "completionMs", "1234.5", "status200", "1000", "failed", "0",
				"engineThreadKind", "platform", "engineThreadName", "wx-network-7"));
		ScaleReport.Column java25 = new ScaleReport.Column("Java 25", Map.of("tasks", "1000", "status200", "10",
				"failed", "990", "firstError", "request:fail timeout"));
		String table = ScaleReport.table(List.of(java17, java25));
		assertThat(table).startsWith("| metric | Java 17 | Java 25 |\n| --- | ---: | ---: |\n")
			.contains("| run | complete | **FAILED** (see its log) |")
			.contains("| **peak live platform threads** (ThreadMXBean) | **1,023** | n/a |")
			.contains("| **completion time**, first `request()` → last completion (ms) | **1,235** | n/a |")
			.contains("| requests answered 200 / sent | 1,000 / 1,000 | 10 / 1,000 (990 failed: request:fail timeout) |")
			.contains("platform threads (e.g. `wx-network-7`)");
	}

	@Test
	void sectionIsAppendedOnceThenReplacedInPlace(@TempDir Path dir) throws Exception {
		Path file = dir.resolve("BENCHMARKS.md");
		Files.writeString(file, "# Title\n\n<!-- bench:begin -->\nbench\n<!-- bench:end -->\n\n");
		List<ScaleReport.Column> columns = List.of(new ScaleReport.Column("Java 17", Map.of("tasks", "1000",
				"holdMs", "1000", "done", "true")));
		String block = ScaleReport.section(columns, "now", "bash scale.sh", "2 cores", "-Xmx1g");
		assertThat(block).startsWith(ScaleReport.BEGIN + "\n\n### 7. 1,000 concurrent slow requests (server holds "
				+ "each 1 s)\n").endsWith(ScaleReport.END + "\n");
		ScaleReport.writeInto(file, block);
		String first = Files.readString(file);
		assertThat(first).startsWith("# Title\n\n<!-- bench:begin -->\nbench\n<!-- bench:end -->\n\n" + ScaleReport.BEGIN)
			.endsWith(ScaleReport.END + "\n");
		Files.writeString(file, first + "\nafter\n");
		ScaleReport.writeInto(file, ScaleReport.BEGIN + "\nnew\n" + ScaleReport.END + "\n");
		assertThat(Files.readString(file)).isEqualTo("# Title\n\n<!-- bench:begin -->\nbench\n<!-- bench:end -->\n\n"
				+ ScaleReport.BEGIN + "\nnew\n" + ScaleReport.END + "\n\nafter\n");
	}

	@Test
	void newThreadsAreCountedByNamePattern() {
		assertThat(ScaleBench.namePattern("ForkJoinPool-1-worker-12")).isEqualTo("ForkJoinPool-N-worker-N");
		assertThat(ScaleReport.countsByName(new java.util.TreeMap<>(Map.of("wx-network-N", 977, "b", 1, "a", 1))))
			.isEqualTo("wx-network-N ×977, a ×1, b ×1");
		assertThat(ScaleReport.countsByName(Map.of())).isEqualTo("none");
	}

	@Test
	void slowServerReadsItsHoldFromTheQuery() {
		assertThat(SlowServer.holdOf(null, 1000)).isEqualTo(1000);
		assertThat(SlowServer.holdOf("a=1&hold=0", 1000)).isZero();
		assertThat(SlowServer.holdOf("hold=250", 1000)).isEqualTo(250);
		assertThat(SlowServer.holdOf("hold=x", 1000)).isEqualTo(1000);
	}

}
