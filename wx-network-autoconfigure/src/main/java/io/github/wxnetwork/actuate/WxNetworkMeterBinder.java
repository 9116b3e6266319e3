package io.github.wxnetwork.actuate;

import io.github.wxnetwork.TaskKind;
import io.github.wxnetwork.limits.TaskLimiter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Gauges {@code wx.network.tasks.running} and {@code wx.network.tasks.queued}, tagged by kind, and
 * {@code wx.network.tasks.cluster.running} when the limit is held across a cluster: read from the limiter's own
 * counts, so a scrape costs O(1) however many tasks wait (the cluster's count is the last check's, no Redis call).
 */
public final class WxNetworkMeterBinder implements MeterBinder {

	private final TaskLimiter limiter;

	public WxNetworkMeterBinder(TaskLimiter limiter) {
		this.limiter = limiter;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		for (TaskKind kind : TaskKind.values()) {
			Gauge.builder("wx.network.tasks.running", this.limiter, (limiter) -> limiter.running(kind))
				.tag("kind", kind.type())
				.description("Tasks of this kind holding a slot")
				.register(registry);
			Gauge.builder("wx.network.tasks.queued", this.limiter, (limiter) -> limiter.queued(kind))
				.tag("kind", kind.type())
				.description("Tasks of this kind waiting for a slot")
				.register(registry);
			if (this.limiter.clusterRunning(kind) >= 0) {
				Gauge.builder("wx.network.tasks.cluster.running", this.limiter, (limiter) -> limiter.clusterRunning(kind))
					.tag("kind", kind.type())
					.description("Tasks of this kind holding a slot across the cluster (every instance sharing the limit)")
					.register(registry);
			}
		}
	}

}
