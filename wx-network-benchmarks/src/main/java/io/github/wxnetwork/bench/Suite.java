package io.github.wxnetwork.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Runs the whole suite against one nginx (started by run.sh): every client in its own forked JVM, one
 * after the other, then writes the tables into BENCHMARKS.md between its markers.
 *
 * <pre>
 * Suite --mode quick|full --base URL --file 50MiB-FILE --work DIR --upload-log NGINX-LOG
 *       --classpath CLASSPATH-FILE --forest-lib DIR --out BENCHMARKS.md [--only get,download,upload,queue,https]
 *       [--tls-base https://127.0.0.1:PORT --tls-cert CERT.pem]   (for the https part)
 * </pre>
 */
public final class Suite {

	static final List<String> GET_ORDER = List.of("okhttp", "wx", "wxclient", "jdk", "restclient", "feign", "forest");

	static final List<String> DOWNLOAD_ORDER = List.of("curl", "okhttp", "wx", "jdk");

	static final List<String> UPLOAD_ORDER = List.of("curl", "okhttp", "wx");

	/** Diagnostics ({@code --only diag}): transfer variants that test where OkHttp's time goes; no targets. */
	static final List<String> DIAG_DOWNLOAD_ORDER = List.of("okhttp-coalesced");

	static final List<String> DIAG_UPLOAD_ORDER = List.of("jdk", "okhttp-chunked", "okhttp-coalesced",
			"okhttp-chunked-coalesced");

	/** The HTTPS part ({@code --only https}, issue 18): these clients, each on every protocol of {@link #PROTOCOLS}. */
	static final List<String> HTTPS_GET_ORDER = List.of("okhttp", "wx");

	static final List<String> HTTPS_DOWNLOAD_ORDER = List.of("curl", "okhttp", "wx");

	/** {@code h1}: HTTP/1.1 only; {@code h2}: h2 offered by ALPN. */
	static final List<String> PROTOCOLS = List.of("h1", "h2");

	static final String DEFAULT_PARTS = "get,download,upload,queue,https";

	static final long FILE_BYTES = 50L * 1024 * 1024;

	private final Map<String, String> options;

	private final Mode mode;

	private final List<Map<String, String>> results = new ArrayList<>();

	private final Map<String, String> loads = new LinkedHashMap<>();

	private final Path raw;

	/**
	 * @param rounds how many times each small-GET client runs (a fresh JVM each time, the clients taking turns);
	 * the best round of each row is reported, since on a shared machine noise only ever slows a row down
	 * @param transferRounds the same for the transfer clients
	 */
	record Mode(String name, long warmupMs, long measureMs, int trials, long allocMs, int rounds, int transferRounds,
			int pairedTurns) {

		static Mode of(String name) {
			return switch (name) {
				case "quick" -> new Mode("quick", 2000, 4000, 1, 2000, 2, 1, 8);
				case "full" -> new Mode("full", 5000, 10000, 1, 5000, 3, 2, 30);
				default -> throw new IllegalArgumentException("--mode quick|full, not " + name);
			};
		}

	}

	private Suite(Map<String, String> options) {
		this.options = options;
		this.mode = Mode.of(options.getOrDefault("mode", "quick"));
		this.raw = Path.of(require("work")).resolve("results.txt");
	}

	public static void main(String[] args) throws Exception {
		Map<String, String> options = new LinkedHashMap<>();
		for (int i = 0; i + 1 < args.length; i += 2) {
			if (!args[i].startsWith("--")) {
				throw new IllegalArgumentException("expected --name value, got " + args[i]);
			}
			options.put(args[i].substring(2), args[i + 1]);
		}
		new Suite(options).run();
	}

	private String require(String name) {
		String value = this.options.get(name);
		if (value == null) {
			throw new IllegalArgumentException("--" + name + " is required");
		}
		return value;
	}

	private void run() throws Exception {
		Set<String> only = Set.of(this.options.getOrDefault("only", DEFAULT_PARTS).split(","));
		long started = System.nanoTime();
		this.loads.put("start", loadAverage());
		Machine machine = Machine.read(javaCommand());
		log("machine: " + machine.summary());
		if (only.contains("get")) {
			this.loads.put("small GET", loadAverage());
			for (int round = 1; round <= this.mode.rounds(); round++) {
				for (String client : GET_ORDER) {
					worker("get", client);
				}
			}
			worker("paired", "wx");
		}
		if (only.contains("download")) {
			this.loads.put("download", loadAverage());
			for (int round = 1; round <= this.mode.transferRounds(); round++) {
				for (String client : DOWNLOAD_ORDER) {
					worker("download", client);
				}
			}
		}
		if (only.contains("upload")) {
			this.loads.put("upload", loadAverage());
			for (int round = 1; round <= this.mode.transferRounds(); round++) {
				for (String client : UPLOAD_ORDER) {
					worker("upload", client);
				}
			}
		}
		if (only.contains("diag")) {
			this.loads.put("diagnostics", loadAverage());
			for (String client : DIAG_DOWNLOAD_ORDER) {
				worker("download", client);
			}
			for (String client : DIAG_UPLOAD_ORDER) {
				worker("upload", client);
			}
		}
		if (only.contains("queue")) {
			this.loads.put("queue", loadAverage());
			worker("queue", "wx");
		}
		if (only.contains("https")) {
			this.loads.put("HTTPS", loadAverage());
			https();
		}
		this.loads.put("end", loadAverage());
		UploadCheck uploads = UploadCheck.read(Path.of(require("upload-log")), FILE_BYTES);
		double minutes = (System.nanoTime() - started) / 60e9;
		String block = new Report(best(this.results), machine, this.mode, this.loads, uploads, minutes,
				this.options.getOrDefault("command", "bash wx-network-benchmarks/run.sh --" + this.mode.name()),
				jsonBytes())
			.render();
		Path out = Path.of(require("out"));
		Report.writeInto(out, block);
		log("wrote " + out + " (" + String.format(Locale.ROOT, "%.1f", minutes) + " min); raw results: " + this.raw);
		System.out.println();
		System.out.println(block);
	}

	/** The small GET and the download over HTTPS: per round, HTTP/1.1 then h2, the clients taking turns. */
	private void https() throws Exception {
		for (int round = 1; round <= this.mode.rounds(); round++) {
			for (String protocol : PROTOCOLS) {
				for (String client : HTTPS_GET_ORDER) {
					worker("https-get", client, protocol);
				}
			}
		}
		for (int round = 1; round <= this.mode.transferRounds(); round++) {
			for (String protocol : PROTOCOLS) {
				for (String client : HTTPS_DOWNLOAD_ORDER) {
					worker("https-download", client, protocol);
				}
			}
		}
	}

	/**
	 * One row per measurement: of the rounds, the fastest (req/s, MiB/s), the least allocation, and the
	 * most retained heap (the conservative one). Failures are kept only where no round succeeded.
	 */
	static List<Map<String, String>> best(List<Map<String, String>> results) {
		Map<String, Map<String, String>> chosen = new LinkedHashMap<>();
		for (Map<String, String> row : results) {
			String key = row.get("scenario") + "|" + row.get("client") + "|" + row.get("threads") + "|"
					+ row.get("concurrent") + "|" + row.get("kind") + "|" + row.get("protocol") + "|"
					+ row.containsKey("failed");
			Map<String, String> current = chosen.get(key);
			if (current == null || better(row, current)) {
				chosen.put(key, row);
			}
		}
		List<Map<String, String>> rows = new ArrayList<>();
		for (Map<String, String> row : chosen.values()) {
			boolean failed = row.containsKey("failed");
			boolean succeededElsewhere = failed && chosen.values()
				.stream()
				.anyMatch((other) -> !other.containsKey("failed") && row.get("scenario").equals(other.get("scenario"))
						&& row.get("client").equals(other.get("client"))
						&& Objects.equals(row.get("protocol"), other.get("protocol")));
			if (!succeededElsewhere) {
				rows.add(row);
			}
		}
		return rows;
	}

	private static boolean better(Map<String, String> candidate, Map<String, String> current) {
		for (String higher : List.of("rps", "mibps", "retainedMiB")) {
			if (candidate.containsKey(higher) && current.containsKey(higher)) {
				return Double.parseDouble(candidate.get(higher)) > Double.parseDouble(current.get(higher));
			}
		}
		if (candidate.containsKey("bytesPerCall") && current.containsKey("bytesPerCall")) {
			return Double.parseDouble(candidate.get("bytesPerCall")) < Double.parseDouble(current.get("bytesPerCall"));
		}
		return false;
	}

	private void worker(String scenario, String client) throws Exception {
		worker(scenario, client, null);
	}

	/**
	 * Forks one worker JVM and collects its result lines. With a {@code protocol} ({@code h1}, {@code h2}) the
	 * worker talks to the HTTPS server, trusting its certificate, and every row it gives is marked with it.
	 */
	private void worker(String scenario, String client, String protocol) throws Exception {
		List<String> command = new ArrayList<>();
		command.add(javaCommand());
		command.addAll(List.of("-Xms1g", "-Xmx1g", "-XX:+UseG1GC",
				"-Dbench.base=" + require((protocol == null) ? "base" : "tls-base"), "-Dbench.file=" + require("file"),
				"-Dbench.work=" + require("work"),
				"-Dbench.warmupMs=" + this.mode.warmupMs(), "-Dbench.measureMs=" + this.mode.measureMs(),
				"-Dbench.trials=" + this.mode.trials(), "-Dbench.allocMs=" + this.mode.allocMs(),
				"-Dbench.pairedTurns=" + this.mode.pairedTurns()));
		if (protocol != null) {
			command.addAll(List.of("-Dbench.cert=" + require("tls-cert"), "-Dbench.protocol=" + protocol));
		}
		String extra = System.getenv("BENCH_JVM_ARGS");
		if (extra != null && !extra.isBlank()) {
			command.addAll(List.of(extra.trim().split("\\s+")));
		}
		command.addAll(List.of("-cp", classpath(client), Worker.class.getName(), scenario, client));
		String label = scenario + "-" + client + ((protocol != null) ? "-" + protocol : "");
		Path logFile = Path.of(require("work")).resolve("logs").resolve(label + ".log");
		for (int n = 2; Files.exists(logFile); n++) {
			logFile = logFile.resolveSibling(label + "-" + n + ".log");
		}
		Files.createDirectories(logFile.getParent());
		log(scenario + " / " + client + ((protocol != null) ? " / " + protocol : "") + " ... (log: " + logFile + ")");
		long start = System.nanoTime();
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		Thread reaper = new Thread(process::destroyForcibly);
		Runtime.getRuntime().addShutdownHook(reaper);
		List<String> lines = new ArrayList<>();
		Thread reader = new Thread(() -> {
			try (BufferedReader in = new BufferedReader(
					new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
				String line;
				while ((line = in.readLine()) != null) {
					synchronized (lines) {
						lines.add(line);
					}
				}
			}
			catch (IOException ex) {
				// the process went away
			}
		});
		reader.start();
		boolean ended = process.waitFor(15, TimeUnit.MINUTES);
		if (!ended) {
			process.destroyForcibly().waitFor();
		}
		reader.join(10_000);
		Runtime.getRuntime().removeShutdownHook(reaper);
		List<String> output;
		synchronized (lines) {
			output = List.copyOf(lines);
		}
		Files.write(logFile, output, StandardCharsets.UTF_8);
		boolean any = false;
		for (String printed : output) {
			Map<String, String> fields = Results.parse(printed);
			if (fields != null) {
				String line = (protocol != null) ? printed + "\tprotocol=" + protocol : printed;
				if (protocol != null) {
					fields.put("protocol", protocol);
				}
				this.results.add(fields);
				Files.writeString(this.raw, line + System.lineSeparator(), StandardCharsets.UTF_8,
						java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
				log("  " + line.substring(Results.PREFIX.length() + 1).replace('\t', ' '));
				any = true;
			}
		}
		if (!ended || !any) {
			Map<String, String> failed = new LinkedHashMap<>();
			failed.put("scenario", scenario);
			failed.put("client", client);
			if (protocol != null) {
				failed.put("protocol", protocol);
			}
			failed.put("failed", ended ? "no result (exit " + process.exitValue() + ", see " + logFile + ")"
					: "timed out after 15 min");
			this.results.add(failed);
			log("  FAILED: " + failed.get("failed"));
		}
		log(String.format(Locale.ROOT, "  (%.1f s)", (System.nanoTime() - start) / 1e9));
	}

	/** The worker class path; Forest's swaps OkHttp 5 and okio 3 for OkHttp 3.14 and okio 1. */
	private String classpath(String client) throws IOException {
		String main = Files.readString(Path.of(require("classpath"))).trim();
		if (!"forest".equals(client)) {
			return main;
		}
		List<String> entries = Stream.of(main.split(java.io.File.pathSeparator))
			.filter((entry) -> {
				String file = Path.of(entry).getFileName().toString();
				return !file.startsWith("okhttp-jvm-") && !file.startsWith("okio-jvm-");
			})
			.collect(Collectors.toCollection(ArrayList::new));
		try (Stream<Path> jars = Files.list(Path.of(require("forest-lib")))) {
			jars.filter((jar) -> jar.toString().endsWith(".jar")).sorted().forEach((jar) -> entries.add(jar.toString()));
		}
		return String.join(java.io.File.pathSeparator, entries);
	}

	private String javaCommand() {
		return this.options.getOrDefault("java", ProcessHandle.current().info().command().orElse("java"));
	}

	private int jsonBytes() {
		try {
			java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
			return client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(require("base") + "/json")).build(),
					java.net.http.HttpResponse.BodyHandlers.ofByteArray()).body().length;
		}
		catch (IOException ex) {
			return -1;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return -1;
		}
	}

	static String loadAverage() {
		try {
			String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
			return parts[0] + " " + parts[1] + " " + parts[2];
		}
		catch (IOException ex) {
			return "n/a";
		}
	}

	static void log(String message) {
		System.out.println("[" + ZonedDateTime.now().format(DateTimeFormatter.ofPattern("HH:mm:ss")) + "] " + message);
		System.out.flush();
	}

	/** Whether nginx read every uploaded byte: its log has {@code $request_length} for each /upload. */
	record UploadCheck(int requests, int complete, long minLength) {

		static UploadCheck read(Path log, long fileBytes) throws IOException {
			if (!Files.exists(log)) {
				return new UploadCheck(0, 0, 0);
			}
			int requests = 0;
			int complete = 0;
			long min = Long.MAX_VALUE;
			for (String line : Files.readAllLines(log)) {
				String[] parts = line.trim().split("\\s+");
				if (parts.length < 3 || !parts[0].startsWith("/upload")) {
					continue;
				}
				long length = Long.parseLong(parts[2]);
				requests++;
				min = Math.min(min, length);
				if (length > fileBytes && "200".equals(parts[1])) {
					complete++;
				}
			}
			return new UploadCheck(requests, complete, (requests == 0) ? 0 : min);
		}

	}

}
