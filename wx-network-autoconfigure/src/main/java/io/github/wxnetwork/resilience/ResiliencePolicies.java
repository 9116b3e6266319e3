package io.github.wxnetwork.resilience;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import io.github.wxnetwork.TaskKind;

/**
 * The policies of template calls ({@code wx-request}, {@code wx-upload}, {@code wx-download}) and of
 * {@code @WxClient} calls ({@code wx-<client name>}), their retries and breakers kept in the application's
 * Resilience4j registries so that its actuator endpoints and metrics list them. An instance configured under
 * {@code resilience4j.retry.instances.<name>.*} keeps its attempts and back-off; which failures are retried
 * is always wx-network's. A breaker takes its whole config from Resilience4j (its default config, or its
 * instance's).
 */
public final class ResiliencePolicies {

	private final RetryRegistry retries;

	private final CircuitBreakerRegistry breakers;

	private final RetryProperties global;

	private final Map<TaskKind, ResiliencePolicy> templates = new EnumMap<>(TaskKind.class);

	private final Map<String, ResiliencePolicy> clients = new ConcurrentHashMap<>();

	/**
	 * @param global {@code wx.network.retry.*} (unset values are the defaults)
	 */
	public ResiliencePolicies(RetryRegistry retries, CircuitBreakerRegistry breakers, RetryProperties global) {
		this.retries = retries;
		this.breakers = breakers;
		this.global = global.orElse(RetryProperties.defaults());
		for (TaskKind kind : TaskKind.values()) {
			this.templates.put(kind, ResiliencePolicy.of(retry(instanceName(kind.type()), this.global), null, this.global));
		}
	}

	/** {@code wx-request}, {@code wx-upload}, {@code wx-download}, {@code wx-<client name>}. */
	public static String instanceName(String name) {
		return "wx-" + name;
	}

	/** The policy of a template's tasks. */
	public ResiliencePolicy forTemplate(TaskKind kind) {
		return this.templates.get(kind);
	}

	/**
	 * The policy of one client's calls, made once.
	 * @param retry {@code wx.network.clients.<name>.retry.*}; unset values are the global ones
	 * @param circuitBreaker whether the client has a breaker
	 */
	public ResiliencePolicy forClient(String client, RetryProperties retry, boolean circuitBreaker) {
		return this.clients.computeIfAbsent(client, (name) -> {
			RetryProperties settings = (retry != null) ? retry.orElse(this.global) : this.global;
			String instance = instanceName(name);
			return ResiliencePolicy.of(retry(instance, settings),
					circuitBreaker ? this.breakers.circuitBreaker(instance) : null, settings);
		});
	}

	/**
	 * Our retry under {@code name}, or the one Resilience4j made from its own properties, replaced by the same
	 * with wx-network's decision of what is retried (so its endpoint shows the one that is used).
	 */
	private Retry retry(String name, RetryProperties settings) {
		Optional<Retry> configured = this.retries.find(name);
		if (configured.isEmpty()) {
			return this.retries.retry(name, ResiliencePolicy.retryConfig(settings));
		}
		Retry given = configured.get();
		RetryConfig config = ResiliencePolicy.decidedByUs(given.getRetryConfig());
		Retry ours = Retry.of(name, config, given.getTags());
		this.retries.replace(name, ours);
		return ours;
	}

}
