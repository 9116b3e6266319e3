package io.github.wxnetwork.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * One client in one JVM (forked by {@link Suite}): {@code Worker get <client>}, {@code Worker download <client>},
 * {@code Worker upload <client>}, {@code Worker paired wx} or {@code Worker queue wx}. Prints {@link Results} lines.
 * {@code Worker https-get <client>} and {@code Worker https-download <client>} are the same measurements over
 * HTTPS (issue 18; {@link Tls}), after a check that the client negotiated the protocol it was started for; they
 * skip the allocation loop and the retained heap.
 *
 * <p>Clients are named, and loaded by name, so that this class never links a client it does not run:
 * Forest's JVM has OkHttp 3 where the others have OkHttp 5.
 */
public final class Worker {

	/** The small-GET clients by name. */
	static final Map<String, String> GET_CLIENTS = Map.of("okhttp", "OkHttpGet", "wx", "WxTemplateGet", "wxclient",
			"WxClientGet", "jdk", "JdkGet", "restclient", "RestClientGet", "feign", "FeignGet", "forest", "ForestGet");

	private static final long FILE_BYTES = 50L * 1024 * 1024;

	private Worker() {
	}

	public static void main(String[] args) throws Exception {
		if (args.length != 2) {
			System.err.println("usage: Worker get|download|upload|queue|paired|https-get|https-download <client>");
			System.exit(2);
		}
		String scenario = args[0];
		String client = args[1];
		try {
			switch (scenario) {
				case "get", "https-get" -> get(scenario, client);
				case "download", "https-download" -> transfer(scenario, client, Transfers.DOWNLOADS.get(client));
				case "upload" -> transfer(scenario, client, Transfers.UPLOADS.get(client));
				case "queue" -> QueueBench.run();
				case "paired" -> Paired.run();
				default -> throw new IllegalArgumentException("unknown scenario " + scenario);
			}
		}
		catch (Throwable ex) {
			ex.printStackTrace();
			Results.emit("scenario", scenario, "client", client, "failed", rootMessage(ex));
			System.exit(1);
		}
		System.exit(0);
	}

	private static String rootMessage(Throwable ex) {
		Throwable root = ex;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return (root == ex) ? ex.toString() : ex + " / caused by " + root;
	}

	// --- small JSON GET ---

	private static void get(String scenario, String name) throws Exception {
		String className = GET_CLIENTS.get(name);
		if (className == null) {
			throw new IllegalArgumentException("unknown client " + name);
		}
		try (GetClient client = (GetClient) Class.forName(Worker.class.getPackageName() + "." + className)
			.getDeclaredConstructor()
			.newInstance()) {
			Object first = client.call();
			if (!(first instanceof Map<?, ?> map) || !Integer.valueOf(1).equals(map.get("id"))) {
				throw new IllegalStateException("unexpected decoded body: " + first
						+ ((first != null) ? " (" + first.getClass().getName() + ")" : ""));
			}
			if (Tls.on()) {
				Tls.expect(client.protocol());
			}
			for (int threads : new int[] { 1, 10 }) {
				List<Load.Outcome> trials = new ArrayList<>();
				for (int trial = 0; trial < Config.trials(); trial++) {
					// The first trial of each concurrency warms up; later ones run straight on.
					trials.add(Load.run(threads, (trial == 0) ? Config.warmup() : Config.warmup().dividedBy(3),
							Config.measure(), client));
				}
				trials.sort((a, b) -> Double.compare(a.perSecond(), b.perSecond()));
				Load.Outcome median = trials.get(trials.size() / 2);
				Results.emit("scenario", scenario, "client", name, "threads", threads, "rps", fmt(median.perSecond()),
						"calls", median.calls(), "p50us", Stats.micros(median.latencies().quantile(0.50)), "p99us",
						Stats.micros(median.latencies().quantile(0.99)), "cpuUsPerCall", fmt(median.cpuMicrosPerCall()),
						"errors", median.errors(), "firstError",
						String.valueOf(median.firstError()), "trials", trials.size());
			}
			if (!Tls.on()) {
				double bytes = Alloc.perCall(Config.allocTime(), client);
				Results.emit("scenario", "alloc", "client", name, "bytesPerCall", fmt(bytes));
			}
		}
	}

	// --- transfers ---

	private static void transfer(String scenario, String name, Class<? extends Transfer> type) throws Exception {
		if (type == null) {
			throw new IllegalArgumentException("unknown client " + name);
		}
		Path dir = Config.workDir().resolve(scenario + "-" + name);
		Files.createDirectories(dir);
		ExecutorService pool = Executors.newFixedThreadPool(10);
		try (Transfer transfer = type.getDeclaredConstructor().newInstance()) {
			if (Tls.on()) {
				Tls.expect(transfer.protocol());
			}
			round(transfer, 1, pool, dir);
			for (int at : new int[] { 1, 10 }) {
				long warmEnd = System.nanoTime() + Config.warmup().toNanos() / 2;
				do {
					round(transfer, at, pool, dir);
				}
				while (System.nanoTime() < warmEnd);
				double seconds = 0;
				int rounds = 0;
				long measureEnd = System.nanoTime() + Config.measure().toNanos();
				while (rounds < 3 || System.nanoTime() < measureEnd) {
					seconds += round(transfer, at, pool, dir);
					rounds++;
				}
				double mib = rounds * at * (FILE_BYTES / (1024.0 * 1024.0));
				Results.emit("scenario", scenario, "client", name, "concurrent", at, "mibps", fmt(mib / seconds),
						"rounds", rounds, "seconds", fmt3(seconds));
			}
			if (transfer.inProcess() && !Tls.on()) {
				long base = Heap.live();
				long peak;
				long samples;
				try (Heap.Sampler sampler = new Heap.Sampler(25)) {
					for (int i = 0; i < 2; i++) {
						round(transfer, 10, pool, dir);
					}
					sampler.close();
					peak = sampler.peak();
					samples = sampler.samples();
				}
				Results.emit("scenario", "heap", "kind", scenario, "client", name, "baseMiB", fmt(Heap.mib(base)),
						"peakMiB", fmt(Heap.mib(peak)), "retainedMiB", fmt(Heap.mib(Math.max(0, peak - base))),
						"samples", samples);
			}
		}
		finally {
			pool.shutdownNow();
		}
	}

	/** {@code at} transfers at once; returns the seconds from the start signal until the last one ended. */
	private static double round(Transfer transfer, int at, ExecutorService pool, Path dir) throws Exception {
		CountDownLatch ready = new CountDownLatch(at);
		CountDownLatch go = new CountDownLatch(1);
		List<Future<?>> futures = new ArrayList<>();
		List<Path> targets = new ArrayList<>();
		for (int i = 0; i < at; i++) {
			Path target = dir.resolve("file-" + i + ".bin");
			Files.deleteIfExists(target);
			targets.add(target);
			futures.add(pool.submit(() -> {
				ready.countDown();
				go.await();
				transfer.run(target);
				return null;
			}));
		}
		if (!ready.await(1, TimeUnit.MINUTES)) {
			throw new IllegalStateException("transfer threads did not start");
		}
		long start = System.nanoTime();
		go.countDown();
		for (Future<?> future : futures) {
			future.get(10, TimeUnit.MINUTES);
		}
		long nanos = System.nanoTime() - start;
		if (!transfer.upload()) {
			for (Path target : targets) {
				long size = Files.size(target);
				if (size != FILE_BYTES) {
					throw new IllegalStateException(target + " has " + size + " bytes, expected " + FILE_BYTES);
				}
			}
		}
		for (Path target : targets) {
			Files.deleteIfExists(target);
		}
		return nanos / 1e9;
	}

	static String fmt(double value) {
		return String.format(java.util.Locale.ROOT, "%.1f", value);
	}

	static String fmt3(double value) {
		return String.format(java.util.Locale.ROOT, "%.3f", value);
	}

}
