package io.github.wxnetwork.resilience;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;

import io.github.wxnetwork.WxMethod;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

/**
 * How failed attempts are retried: {@code wx.network.retry.*} for template calls, and
 * {@code wx.network.clients.<name>.retry.*} for one client, whose unset values are the global ones.
 * Unset values are null here; {@link #orElse} fills them in.
 */
public class RetryProperties {

	/** Attempts in all, the first included; 1 turns retry off. Default 1. */
	private Integer maxAttempts;

	/**
	 * Back-off before the second attempt, growing by the multiplier each time, with random jitter of half
	 * either way. Default 200ms.
	 */
	private Duration wait;

	/** How much each back-off grows over the one before. Default 2.0. */
	private Double multiplier;

	/** The longest back-off; a Retry-After header asking for longer keeps the response. Default 5s. */
	private Duration maxWait;

	/** Response statuses that are retried, besides connection errors. Default 502, 503, 504. */
	private Set<Integer> statuses;

	/**
	 * HTTP methods whose tasks are retried. Default GET, HEAD, OPTIONS, PUT, DELETE, TRACE (the idempotent
	 * ones; uploads are POST).
	 */
	private Set<WxMethod> methods;

	public RetryProperties() {
	}

	public RetryProperties(Integer maxAttempts, Duration wait, Double multiplier, Duration maxWait,
			Set<Integer> statuses, Set<WxMethod> methods) {
		this.maxAttempts = maxAttempts;
		this.wait = wait;
		this.multiplier = multiplier;
		this.maxWait = maxWait;
		this.statuses = statuses;
		this.methods = methods;
	}

	/** The defaults of API.md, section 10. */
	public static RetryProperties defaults() {
		return new RetryProperties(1, Duration.ofMillis(200), 2.0, Duration.ofSeconds(5), Set.of(502, 503, 504),
				EnumSet.of(WxMethod.GET, WxMethod.HEAD, WxMethod.OPTIONS, WxMethod.PUT, WxMethod.DELETE, WxMethod.TRACE));
	}

	/** These values, each unset one taken from {@code fallback}. */
	public RetryProperties orElse(RetryProperties fallback) {
		return new RetryProperties(pick(this.maxAttempts, fallback.maxAttempts), pick(this.wait, fallback.wait),
				pick(this.multiplier, fallback.multiplier), pick(this.maxWait, fallback.maxWait),
				pick(this.statuses, fallback.statuses), pick(this.methods, fallback.methods));
	}

	/**
	 * Fails start-up on a value that cannot work, naming the property.
	 * @param prefix where these values are bound, e.g. {@code wx.network.retry}
	 */
	public void validate(String prefix) {
		if (this.maxAttempts != null && this.maxAttempts < 1) {
			throw invalid(prefix + ".max-attempts", this.maxAttempts, "at least 1 attempt is needed (1 turns retry off)");
		}
		refuseNegative(prefix + ".wait", this.wait);
		refuseNegative(prefix + ".max-wait", this.maxWait);
		if (this.multiplier != null && !(this.multiplier >= 1.0)) {
			throw invalid(prefix + ".multiplier", this.multiplier, "the back-off multiplier must be 1.0 or more");
		}
		if (this.statuses != null) {
			for (Integer status : this.statuses) {
				if (status == null || status < 100 || status > 599) {
					throw invalid(prefix + ".statuses", this.statuses, "'" + status + "' is not an HTTP status (100-599)");
				}
			}
		}
	}

	private static void refuseNegative(String name, Duration value) {
		if (value != null && value.isNegative()) {
			throw invalid(name, value, "a wait cannot be negative");
		}
	}

	private static InvalidConfigurationPropertyValueException invalid(String name, Object value, String reason) {
		return new InvalidConfigurationPropertyValueException(name, value, reason);
	}

	private static <T> T pick(T value, T fallback) {
		return (value != null) ? value : fallback;
	}

	public Integer getMaxAttempts() {
		return this.maxAttempts;
	}

	public void setMaxAttempts(Integer maxAttempts) {
		this.maxAttempts = maxAttempts;
	}

	public Duration getWait() {
		return this.wait;
	}

	public void setWait(Duration wait) {
		this.wait = wait;
	}

	public Double getMultiplier() {
		return this.multiplier;
	}

	public void setMultiplier(Double multiplier) {
		this.multiplier = multiplier;
	}

	public Duration getMaxWait() {
		return this.maxWait;
	}

	public void setMaxWait(Duration maxWait) {
		this.maxWait = maxWait;
	}

	public Set<Integer> getStatuses() {
		return this.statuses;
	}

	public void setStatuses(Set<Integer> statuses) {
		this.statuses = statuses;
	}

	public Set<WxMethod> getMethods() {
		return this.methods;
	}

	public void setMethods(Set<WxMethod> methods) {
		this.methods = methods;
	}

}
