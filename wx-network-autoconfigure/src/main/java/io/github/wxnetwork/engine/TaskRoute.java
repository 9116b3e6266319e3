package io.github.wxnetwork.engine;

import io.github.wxnetwork.resilience.ResiliencePolicy;
import io.github.wxnetwork.wire.WireLog;

/**
 * How a template's tasks go and whom they are told as: retried (and guarded by a circuit breaker) by a policy,
 * over a transport, logged at a level, tagged with the client and URI template that made them. The templates'
 * own route comes from {@code wx.network.*}; a {@code @WxClient} has one of its own, and each of its methods
 * adds its URI template.
 *
 * @param policy how attempts are retried and guarded
 * @param transport the TLS material, proxy and interceptors of the calls; null for the engine's default
 * @param wireLog how the calls are logged; null for not at all (nothing is built or looked at then)
 * @param client the {@code @WxClient}'s name, or null for template calls
 * @param uriTemplate the client method's URI template (e.g. {@code /items/{id}}), or null
 * @param callerWaits whether the calling thread waits for each task right after starting it (a blocking
 * {@code @WxClient} method): it then runs the exchange itself and no pool thread is woken for it
 */
public record TaskRoute(ResiliencePolicy policy, Transport transport, WireLog wireLog, String client,
		String uriTemplate, boolean callerWaits) {

	/** No retry, no breaker, the engine's default transport, no logging. */
	public static final TaskRoute DEFAULT = new TaskRoute(ResiliencePolicy.NONE, null);

	public TaskRoute {
		policy = (policy != null) ? policy : ResiliencePolicy.NONE;
	}

	public TaskRoute(ResiliencePolicy policy, Transport transport) {
		this(policy, transport, null, null, null);
	}

	public TaskRoute(ResiliencePolicy policy, Transport transport, WireLog wireLog, String client,
			String uriTemplate) {
		this(policy, transport, wireLog, client, uriTemplate, false);
	}

	public TaskRoute withPolicy(ResiliencePolicy policy) {
		return new TaskRoute(policy, this.transport, this.wireLog, this.client, this.uriTemplate, this.callerWaits);
	}

	public TaskRoute withTransport(Transport transport) {
		return new TaskRoute(this.policy, transport, this.wireLog, this.client, this.uriTemplate, this.callerWaits);
	}

	/** This route for the calls of one client method, by its URI template. */
	public TaskRoute withUriTemplate(String uriTemplate) {
		return new TaskRoute(this.policy, this.transport, this.wireLog, this.client, uriTemplate, this.callerWaits);
	}

	/** This route for callers that wait for each task right after starting it, or not. */
	public TaskRoute withCallerWaiting(boolean callerWaits) {
		return new TaskRoute(this.policy, this.transport, this.wireLog, this.client, this.uriTemplate, callerWaits);
	}

}
