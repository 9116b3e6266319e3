package io.github.wxnetwork.actuate;

import io.github.wxnetwork.TaskKind;
import io.github.wxnetwork.limits.cluster.ClusterTaskLimiter;
import io.github.wxnetwork.limits.cluster.Unavailable;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Health {@code wxNetwork}: whether the limit holds across the cluster. DOWN while Redis cannot be reached,
 * with the reason and what the instance does meanwhile (its own limit, or failing tasks); UP again by itself
 * once a check reaches Redis.
 */
public final class WxNetworkHealthIndicator extends AbstractHealthIndicator {

	private final ClusterTaskLimiter limiter;

	public WxNetworkHealthIndicator(ClusterTaskLimiter limiter) {
		super("wx-network cluster limit check failed");
		this.limiter = limiter;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		builder.withDetail("cluster", this.limiter.name());
		Unavailable unavailable = this.limiter.unavailable();
		if (unavailable != null) {
			builder.down()
				.withDetail("reason", unavailable.reason())
				.withDetail("since", unavailable.since().toString())
				.withDetail("fallback", switch (this.limiter.onUnavailable()) {
					case LOCAL -> "each instance keeps its own limit";
					case FAIL -> "tasks that need a permit fail with exceed max task count";
				});
			return;
		}
		builder.up();
		for (TaskKind kind : TaskKind.values()) {
			builder.withDetail(kind.type(), "%d of %d running across the cluster"
				.formatted(this.limiter.clusterRunning(kind), this.limiter.limit(kind)));
		}
	}

}
