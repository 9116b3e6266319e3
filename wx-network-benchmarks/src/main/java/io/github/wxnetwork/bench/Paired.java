package io.github.wxnetwork.bench;

import java.time.Duration;
import java.util.Arrays;

/**
 * The noise-robust form of the key ratio: raw OkHttp, the template and the {@code @WxClient} proxy in
 * one JVM, taking turns in short windows, so that whatever else the machine is doing hits all of them
 * alike. Each turn gives a ratio to the OkHttp window next to it; the median of those is reported.
 */
final class Paired {

	private Paired() {
	}

	static void run() throws Exception {
		int turns = Integer.getInteger("bench.pairedTurns", 8);
		Duration window = Duration.ofMillis(Long.getLong("bench.pairedWindowMs", 500));
		try (GetClient okhttp = new OkHttpGet(); GetClient handoff = new OkHttpHandoffGet();
				GetClient wx = new WxTemplateGet(); GetClient wxclient = newWxClient()) {
			GetClient[] clients = (wxclient != null) ? new GetClient[] { okhttp, handoff, wx, wxclient }
					: new GetClient[] { okhttp, handoff, wx };
			String[] names = (wxclient != null) ? new String[] { "okhttp", "handoff", "wx", "wxclient" }
					: new String[] { "okhttp", "handoff", "wx" };
			for (int threads : new int[] { 1, 10 }) {
				for (GetClient client : clients) {
					Load.run(threads, Duration.ZERO, Config.warmup(), client);
				}
				double[][] ratios = new double[clients.length][turns];
				for (int turn = 0; turn < turns; turn++) {
					double[] rps = new double[clients.length];
					// Alternate the order, so neither side always follows the other.
					for (int k = 0; k < clients.length; k++) {
						int i = (turn % 2 == 0) ? k : clients.length - 1 - k;
						rps[i] = Load.run(threads, Duration.ZERO, window, clients[i]).perSecond();
					}
					for (int i = 1; i < clients.length; i++) {
						ratios[i][turn] = rps[i] / rps[0];
					}
				}
				for (int i = 1; i < clients.length; i++) {
					emit(names[i], threads, ratios[i], turns, window);
				}
			}
		}
	}

	/**
	 * A diagnostic, not a product: raw OkHttp run the way the engine runs it, on a thread of a cached pool
	 * (SynchronousQueue hand-off), the caller waiting on a CompletableFuture. Its ratio to raw OkHttp is the
	 * price of the two thread hand-offs alone, everything else of wx-network left out.
	 */
	static final class OkHttpHandoffGet implements GetClient {

		private final OkHttpGet okhttp = new OkHttpGet();

		private final java.util.concurrent.ThreadPoolExecutor pool = new java.util.concurrent.ThreadPoolExecutor(0,
				Integer.MAX_VALUE, 60, java.util.concurrent.TimeUnit.SECONDS, new java.util.concurrent.SynchronousQueue<>(),
				(runnable) -> {
					Thread thread = new Thread(runnable, "handoff");
					thread.setDaemon(true);
					return thread;
				});

		@Override
		public Object call() {
			java.util.concurrent.CompletableFuture<Object> result = new java.util.concurrent.CompletableFuture<>();
			this.pool.execute(() -> {
				try {
					result.complete(this.okhttp.call());
				}
				catch (Exception | Error ex) {
					result.completeExceptionally(ex);
				}
			});
			return result.join();
		}

		@Override
		public void close() {
			this.pool.shutdown();
			this.okhttp.close();
		}

	}

	private static GetClient newWxClient() {
		try {
			return new WxClientGet();
		}
		catch (RuntimeException | Error ex) {
			return null;
		}
	}

	private static void emit(String client, int threads, double[] ratios, int turns, Duration window) {
		double[] sorted = ratios.clone();
		Arrays.sort(sorted);
		Results.emit("scenario", "paired", "client", client, "threads", threads, "ratio",
				String.format(java.util.Locale.ROOT, "%.3f", sorted[sorted.length / 2]), "q1",
				String.format(java.util.Locale.ROOT, "%.3f", sorted[sorted.length / 4]), "q3",
				String.format(java.util.Locale.ROOT, "%.3f", sorted[(3 * sorted.length) / 4]), "turns", turns,
				"windowMs", window.toMillis());
	}

}
