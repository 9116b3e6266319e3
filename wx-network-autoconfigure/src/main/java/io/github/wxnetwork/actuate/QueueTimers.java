package io.github.wxnetwork.actuate;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.github.wxnetwork.TaskKind;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The {@code wx.network.tasks.queue} timers, one per kind: how long tasks waited QUEUED for a slot. Apart from
 * {@link MicrometerTaskObserver}, which needs only Micrometer's observation API, because these need its metrics.
 */
public final class QueueTimers implements QueueWaits {

	public static final String NAME = "wx.network.tasks.queue";

	private final Map<TaskKind, Timer> timers = new EnumMap<>(TaskKind.class);

	public QueueTimers(MeterRegistry registry) {
		for (TaskKind kind : TaskKind.values()) {
			this.timers.put(kind, Timer.builder(NAME)
				.tag("kind", kind.type())
				.description("Time tasks of this kind waited QUEUED for a slot")
				.register(registry));
		}
	}

	@Override
	public void waited(TaskKind kind, long queuedNanos) {
		this.timers.get(kind).record(queuedNanos, TimeUnit.NANOSECONDS);
	}

}
