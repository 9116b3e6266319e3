package io.github.wxnetwork.bench;

import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.github.wxnetwork.RequestOptions;
import io.github.wxnetwork.RequestTask;
import io.github.wxnetwork.TaskKind;
import io.github.wxnetwork.TaskState;
import io.github.wxnetwork.WxRequestTemplate;
import io.github.wxnetwork.bench.queue.QueueTiming;
import io.github.wxnetwork.bench.wxapp.WxBenchApp;
import io.github.wxnetwork.limits.BulkheadTaskLimiter;
import io.github.wxnetwork.limits.TaskLimiter;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * 10,000 tasks queued behind one slot ({@code wx.network.max-concurrent-tasks=1}): the heap they take
 * while queued, and, as the queue drains, the time from a slot being freed to the next task starting.
 */
public final class QueueBench {

	private static final Map<String, Object> ONE_SLOT = Map.of("wx.network.max-concurrent-tasks", "1",
			"wx.network.max-queue-wait", "10m", "wx.network.request.timeout", "10m");

	private QueueBench() {
	}

	public static void run() throws Exception {
		int n = Config.queuedTasks();
		heapAndDrain(n);
		handoff(n);
	}

	/** Plain auto-configuration (the real BulkheadTaskLimiter, nothing wrapped): heap per queued task. */
	private static void heapAndDrain(int n) throws Exception {
		try (ConfigurableApplicationContext context = WxBenchApp.start(WxBenchApp.class, ONE_SLOT)) {
			WxRequestTemplate template = context.getBean(WxRequestTemplate.class);
			TaskLimiter limiter = context.getBean(TaskLimiter.class);
			warmUp(template);
			RequestTask[] tasks = new RequestTask[n];
			CountDownLatch release = new CountDownLatch(1);
			RequestTask blocker = holdTheSlot(template, release);
			long before = Heap.live();
			long submitStart = System.nanoTime();
			for (int i = 0; i < n; i++) {
				tasks[i] = template.request(RequestOptions.builder(Config.jsonUrl()).build());
			}
			long submitNanos = System.nanoTime() - submitStart;
			long after = Heap.live();
			int queued = limiter.queued(TaskKind.REQUEST);
			long drainStart = System.nanoTime();
			release.countDown();
			blocker.join();
			for (RequestTask task : tasks) {
				task.join();
			}
			long drainNanos = System.nanoTime() - drainStart;
			Results.emit("scenario", "queue-heap", "client", "wx", "tasks", n, "queuedSeen", queued, "heapBeforeMiB",
					fmt(Heap.mib(before)), "heapQueuedMiB", fmt(Heap.mib(after)), "bytesPerTask",
					fmt((double) (after - before) / n), "submitMicrosPerTask", fmt(submitNanos / 1000.0 / n),
					"drainSeconds", fmt(drainNanos / 1e9), "drainPerSecond", fmt(n / (drainNanos / 1e9)));
		}
	}

	/** The same with nanoTime hooks: slot freed, limiter starts the next task, OkHttp starts its call. */
	private static void handoff(int n) throws Exception {
		try (ConfigurableApplicationContext context = WxBenchApp.start(WxBenchApp.class, ONE_SLOT,
				QueueTiming.class)) {
			WxRequestTemplate template = context.getBean(WxRequestTemplate.class);
			warmUp(template);
			RequestTask[] tasks = new RequestTask[n];
			QueueTiming.reset();
			QueueTiming.recording = true;
			CountDownLatch release = new CountDownLatch(1);
			RequestTask blocker = holdTheSlot(template, release);
			for (int i = 0; i < n; i++) {
				tasks[i] = template.request(RequestOptions.builder(Config.jsonUrl()).build());
			}
			release.countDown();
			blocker.join();
			for (RequestTask task : tasks) {
				task.join();
			}
			QueueTiming.recording = false;
			int pairs = Math.min(QueueTiming.FREED.get(), Math.min(QueueTiming.STARTS.get(), QueueTiming.CALLS.get()));
			pairs = Math.min(pairs, QueueTiming.CAPACITY) - 1;
			long[] toStart = new long[pairs];
			long[] toCall = new long[pairs];
			for (int i = 0; i < pairs; i++) {
				// Task i+1 starts when task i frees the slot.
				toStart[i] = QueueTiming.STARTED[i + 1] - QueueTiming.SLOT_FREED[i];
				toCall[i] = QueueTiming.CALL_STARTED[i + 1] - QueueTiming.SLOT_FREED[i];
			}
			Stats start = new Stats(toStart);
			Stats call = new Stats(toCall);
			Results.emit("scenario", "queue-handoff", "client", "wx", "pairs", pairs, "freed", QueueTiming.FREED.get(),
					"starts", QueueTiming.STARTS.get(), "calls", QueueTiming.CALLS.get(), "startP50us",
					Stats.micros(start.quantile(0.5)), "startP99us", Stats.micros(start.quantile(0.99)), "callP50us",
					Stats.micros(call.quantile(0.5)), "callP99us", Stats.micros(call.quantile(0.99)), "callMaxUs",
					Stats.micros(call.quantile(1.0)));
		}
	}

	private static void warmUp(WxRequestTemplate template) {
		long end = System.nanoTime() + Config.warmup().toNanos();
		while (System.nanoTime() < end) {
			template.request(RequestOptions.builder(Config.jsonUrl()).build()).join();
		}
	}

	/** A task that holds the only slot until released: its headers listener waits (on the engine's thread). */
	private static RequestTask holdTheSlot(WxRequestTemplate template, CountDownLatch release) throws Exception {
		CountDownLatch holding = new CountDownLatch(1);
		RequestTask blocker = template.request(RequestOptions.builder(Config.jsonUrl()).onHeadersReceived((headers) -> {
			holding.countDown();
			try {
				release.await();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}).build());
		if (!holding.await(30, TimeUnit.SECONDS) || blocker.state() != TaskState.RUNNING) {
			throw new IllegalStateException("the blocking task did not take the slot: " + blocker.state());
		}
		return blocker;
	}

	static String fmt(double value) {
		return String.format(java.util.Locale.ROOT, "%.1f", value);
	}

}
