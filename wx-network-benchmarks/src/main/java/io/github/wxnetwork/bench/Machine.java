package io.github.wxnetwork.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/** What the run was measured on. */
record Machine(int cores, String cpu, String memory, String kernel, String jvm, String nginx, String curl) {

	static Machine read(String javaCommand) {
		return new Machine(Runtime.getRuntime().availableProcessors(), cpuModel(), readMemory(), readKernel(),
				firstLines(List.of(javaCommand, "-version"), 3), firstLines(List.of("nginx", "-v"), 1),
				firstLines(List.of("curl", "--version"), 1));
	}

	String summary() {
		return this.cores + " cores, " + this.memory + ", " + this.kernel + ", " + this.jvm.replace('\n', ' ');
	}

	private static String cpuModel() {
		try {
			return Files.readAllLines(Path.of("/proc/cpuinfo"))
				.stream()
				.filter((line) -> line.startsWith("model name"))
				.map((line) -> line.substring(line.indexOf(':') + 1).trim())
				.findFirst()
				.orElse("n/a");
		}
		catch (IOException ex) {
			return "n/a";
		}
	}

	private static String readMemory() {
		try {
			return Files.readAllLines(Path.of("/proc/meminfo"))
				.stream()
				.filter((line) -> line.startsWith("MemTotal:"))
				.map((line) -> {
					long kib = Long.parseLong(line.replaceAll("[^0-9]", ""));
					return String.format(Locale.ROOT, "%.1f GiB", kib / 1024.0 / 1024.0);
				})
				.findFirst()
				.orElse("n/a");
		}
		catch (IOException ex) {
			return "n/a";
		}
	}

	private static String readKernel() {
		try {
			return "Linux " + Files.readString(Path.of("/proc/sys/kernel/osrelease")).trim();
		}
		catch (IOException ex) {
			return System.getProperty("os.name") + " " + System.getProperty("os.version");
		}
	}

	/** The first lines a command prints (stdout and stderr together). */
	private static String firstLines(List<String> command, int count) {
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
			String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			process.waitFor(30, TimeUnit.SECONDS);
			return String.join("\n", out.lines().limit(count).toList()).trim();
		}
		catch (IOException ex) {
			return "n/a";
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return "n/a";
		}
	}

}
