package io.github.wxnetwork.actuate;

import io.github.wxnetwork.TaskState;
import io.github.wxnetwork.TaskKind;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/** Gauges {@code wx.network.tasks.running} and {@code wx.network.tasks.queued}, tagged by kind. */
public final class WxNetworkMeterBinder implements MeterBinder {

	private final TaskStatistics statistics;

	public WxNetworkMeterBinder(TaskStatistics statistics) {
		this.statistics = statistics;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		for (TaskKind kind : TaskKind.values()) {
			Gauge.builder("wx.network.tasks.running", this.statistics, (s) -> s.count(kind, TaskState.RUNNING))
				.tag("kind", kind.type())
				.description("Tasks of this kind holding a slot")
				.register(registry);
			Gauge.builder("wx.network.tasks.queued", this.statistics, (s) -> s.count(kind, TaskState.QUEUED))
				.tag("kind", kind.type())
				.description("Tasks of this kind waiting for a slot")
				.register(registry);
		}
	}

}
