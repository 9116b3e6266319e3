package io.github.wxnetwork.engine;

import io.github.wxnetwork.resilience.ResiliencePolicy;

/**
 * How a template's tasks go: retried (and guarded by a circuit breaker) by a policy, over a transport. The
 * templates' own route comes from {@code wx.network.*}; a {@code @WxClient} has one of its own.
 *
 * @param policy how attempts are retried and guarded
 * @param transport the TLS material, proxy and interceptors of the calls; null for the engine's default
 */
public record TaskRoute(ResiliencePolicy policy, Transport transport) {

	/** No retry, no breaker, the engine's default transport. */
	public static final TaskRoute DEFAULT = new TaskRoute(ResiliencePolicy.NONE, null);

	public TaskRoute {
		policy = (policy != null) ? policy : ResiliencePolicy.NONE;
	}

	public TaskRoute withPolicy(ResiliencePolicy policy) {
		return new TaskRoute(policy, this.transport);
	}

	public TaskRoute withTransport(Transport transport) {
		return new TaskRoute(this.policy, transport);
	}

}
