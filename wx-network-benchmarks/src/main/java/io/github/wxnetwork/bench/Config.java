package io.github.wxnetwork.bench;

import java.nio.file.Path;
import java.time.Duration;

/** What a worker JVM is told by the suite, as system properties ({@code -Dbench.*}). */
public final class Config {

	private Config() {
	}

	/** The nginx base URL, e.g. {@code http://127.0.0.1:18080} (for the HTTPS rows {@code https://127.0.0.1:18443}). */
	public static String base() {
		return required("bench.base");
	}

	public static String jsonUrl() {
		return base() + "/json";
	}

	public static String bigFileUrl() {
		return base() + "/50m.bin";
	}

	public static String uploadUrl() {
		return base() + "/upload";
	}

	/** The 50 MiB file nginx serves; uploads send it. */
	public static Path bigFile() {
		return Path.of(required("bench.file"));
	}

	/** Where downloads are written (deleted after each round). */
	public static Path workDir() {
		return Path.of(required("bench.work"));
	}

	/** The HTTPS rows' self-signed certificate (PEM) to trust; null for plain HTTP. */
	public static Path certificate() {
		String value = System.getProperty("bench.cert");
		return (value == null || value.isBlank()) ? null : Path.of(value);
	}

	/** The HTTPS rows' protocol, {@code h1} (HTTP/1.1 only) or {@code h2} (h2 offered by ALPN); null for plain HTTP. */
	public static String protocol() {
		return System.getProperty("bench.protocol");
	}

	public static Duration warmup() {
		return Duration.ofMillis(Long.getLong("bench.warmupMs", 3000));
	}

	public static Duration measure() {
		return Duration.ofMillis(Long.getLong("bench.measureMs", 5000));
	}

	/** Trials of {@link #measure()} per row; the median trial is reported. */
	public static int trials() {
		return Integer.getInteger("bench.trials", 1);
	}

	/** How long the allocation loop runs. */
	public static Duration allocTime() {
		return Duration.ofMillis(Long.getLong("bench.allocMs", 2000));
	}

	public static int queuedTasks() {
		return Integer.getInteger("bench.queuedTasks", 10_000);
	}

	private static String required(String name) {
		String value = System.getProperty(name);
		if (value == null || value.isBlank()) {
			throw new IllegalStateException("-D" + name + " is not set (run the suite through run.sh)");
		}
		return value;
	}

}
