package io.github.wxnetwork.bench.queue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.wxnetwork.TaskKind;
import io.github.wxnetwork.TaskView;
import io.github.wxnetwork.autoconfigure.WxOkHttpCustomizer;
import io.github.wxnetwork.engine.WxHttpEngine;
import io.github.wxnetwork.limits.Admission;
import io.github.wxnetwork.limits.BulkheadTaskLimiter;
import io.github.wxnetwork.limits.TaskLimiter;
import okhttp3.Call;
import okhttp3.EventListener;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * nanoTime hooks around the real limiter: when a running task frees its slot (before the limiter hands
 * the slot on), when the limiter starts the next task, and when OkHttp starts that task's call. With one
 * slot, the k-th of each belongs to the k-th task.
 */
@Configuration(proxyBeanMethods = false)
public class QueueTiming {

	public static final int CAPACITY = 1 << 16;

	public static final long[] SLOT_FREED = new long[CAPACITY];

	public static final long[] STARTED = new long[CAPACITY];

	public static final long[] CALL_STARTED = new long[CAPACITY];

	public static final AtomicInteger FREED = new AtomicInteger();

	public static final AtomicInteger STARTS = new AtomicInteger();

	public static final AtomicInteger CALLS = new AtomicInteger();

	public static volatile boolean recording;

	public static void reset() {
		FREED.set(0);
		STARTS.set(0);
		CALLS.set(0);
	}

	@Bean
	TaskLimiter timingTaskLimiter(WxHttpEngine engine) {
		BulkheadTaskLimiter real = new BulkheadTaskLimiter(BulkheadRegistry.ofDefaults(), 1, Duration.ofMinutes(10),
				engine.scheduler());
		return new TaskLimiter() {

			@Override
			public void submit(Admission admission) {
				real.submit(new Admission() {

					@Override
					public TaskView task() {
						return admission.task();
					}

					@Override
					public boolean start() {
						long now = System.nanoTime();
						boolean started = admission.start();
						// Only a task that really started is the k-th start (one that ended meanwhile is not).
						if (recording && started) {
							record(STARTS, STARTED, now);
						}
						return started;
					}

					@Override
					public void reject() {
						admission.reject();
					}

				});
			}

			@Override
			public void ended(TaskView task, boolean wasRunning) {
				if (recording && wasRunning) {
					record(FREED, SLOT_FREED);
				}
				real.ended(task, wasRunning);
			}

			@Override
			public int limit(TaskKind kind) {
				return real.limit(kind);
			}

			@Override
			public int running(TaskKind kind) {
				return real.running(kind);
			}

			@Override
			public int queued(TaskKind kind) {
				return real.queued(kind);
			}

		};
	}

	@Bean
	WxOkHttpCustomizer callStartRecorder() {
		EventListener listener = new EventListener() {

			@Override
			public void callStart(Call call) {
				if (recording) {
					record(CALLS, CALL_STARTED);
				}
			}

		};
		return (builder) -> builder.eventListenerFactory((call) -> listener);
	}

	private static void record(AtomicInteger counter, long[] times) {
		record(counter, times, System.nanoTime());
	}

	private static void record(AtomicInteger counter, long[] times, long now) {
		int at = counter.getAndIncrement();
		if (at < CAPACITY) {
			times[at] = now;
		}
	}

}
