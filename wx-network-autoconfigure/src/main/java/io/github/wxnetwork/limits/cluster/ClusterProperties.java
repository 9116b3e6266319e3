package io.github.wxnetwork.limits.cluster;

import java.time.Duration;

/**
 * {@code wx.network.cluster.*}: {@code max-concurrent-tasks} held across every instance that shares one Redis,
 * through the application's Redisson client.
 */
public class ClusterProperties {

	/**
	 * Whether max-concurrent-tasks holds across every instance sharing the Redis of the application's
	 * RedissonClient bean (and this cluster name), instead of per instance. Needs Redisson on the classpath.
	 */
	private boolean enabled;

	/**
	 * The name instances share their limit under: the Redis keys are "<name>:request", "<name>:upload" and
	 * "<name>:download" (Redisson permit-expirable semaphores). Instances with another name have their own limit.
	 */
	private String name = "wx-network";

	/**
	 * What a running task's permit is leased for beyond the task's timeout: a crashed instance's permits come
	 * back this long after its tasks would have timed out.
	 */
	private Duration leaseMargin = Duration.ofSeconds(10);

	/**
	 * What happens while Redis cannot be reached: local (each instance keeps its own limit; logged, health
	 * wxNetwork DOWN) or fail (tasks that would need a permit fail with "exceed max task count").
	 */
	private OnUnavailable onUnavailable = OnUnavailable.LOCAL;

	/**
	 * How often Redis is checked: when it stopped answering without a task noticing, and when it is back (the
	 * cluster limit then applies again by itself). Each check also hands back expired leases at once.
	 */
	private Duration healthCheckInterval = Duration.ofSeconds(5);

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public String getName() {
		return this.name;
	}

	public void setName(String name) {
		this.name = name;
	}

	public Duration getLeaseMargin() {
		return this.leaseMargin;
	}

	public void setLeaseMargin(Duration leaseMargin) {
		this.leaseMargin = leaseMargin;
	}

	public OnUnavailable getOnUnavailable() {
		return this.onUnavailable;
	}

	public void setOnUnavailable(OnUnavailable onUnavailable) {
		this.onUnavailable = onUnavailable;
	}

	public Duration getHealthCheckInterval() {
		return this.healthCheckInterval;
	}

	public void setHealthCheckInterval(Duration healthCheckInterval) {
		this.healthCheckInterval = healthCheckInterval;
	}

	/** What the limit does while Redis cannot be reached. */
	public enum OnUnavailable {

		/** Each instance falls back to its own limit until Redis answers again. */
		LOCAL,

		/** Tasks that would need a cluster permit fail with {@code exceed max task count} (600007). */
		FAIL

	}

}
