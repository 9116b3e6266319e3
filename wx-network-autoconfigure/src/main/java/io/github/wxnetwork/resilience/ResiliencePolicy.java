package io.github.wxnetwork.resilience;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.core.functions.Either;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.wxnetwork.TaskKind;
import io.github.wxnetwork.WxMethod;

/**
 * What one Resilience4j instance name ({@code wx-request}, {@code wx-<client>}) does to the tasks that use
 * it: which attempts are retried and how long to wait, and the circuit breaker in front of each attempt.
 * Made once at start-up; each task gets its own {@link Attempts}.
 */
public final class ResiliencePolicy {

	/** Neither retry nor circuit breaker: what a replaced or hand-built template uses. */
	public static final ResiliencePolicy NONE = new ResiliencePolicy(null, null, Set.of(), Set.of(), Duration.ZERO);

	/** Half of each back-off either way, so clients that failed together do not come back together. */
	private static final double JITTER = 0.5;

	private final Retry retry;

	private final CircuitBreaker circuitBreaker;

	private final Set<Integer> statuses;

	private final Set<String> methods;

	private final long maxWaitMillis;

	private ResiliencePolicy(Retry retry, CircuitBreaker circuitBreaker, Set<Integer> statuses, Set<String> methods,
			Duration maxWait) {
		this.retry = retry;
		this.circuitBreaker = circuitBreaker;
		this.statuses = statuses;
		this.methods = methods;
		this.maxWaitMillis = maxWait.toMillis();
	}

	/**
	 * @param retry the Resilience4j retry (its max-attempts and back-off are used; which failures are retried
	 * is decided here), or null
	 * @param circuitBreaker the breaker in front of each attempt, or null
	 */
	static ResiliencePolicy of(Retry retry, CircuitBreaker circuitBreaker, RetryProperties settings) {
		Set<String> methods = settings.getMethods().stream().map(WxMethod::name).collect(Collectors.toUnmodifiableSet());
		boolean retries = retry != null && retry.getRetryConfig().getMaxAttempts() > 1;
		return new ResiliencePolicy(retries ? retry : null, circuitBreaker, Set.copyOf(settings.getStatuses()), methods,
				settings.getMaxWait());
	}

	/**
	 * Our retry config: the attempts and exponential back-off with jitter of {@code settings}; only failures
	 * {@link Attempts} marks as retryable are retried.
	 */
	static RetryConfig retryConfig(RetryProperties settings) {
		long wait = settings.getWait().toMillis();
		double multiplier = settings.getMultiplier();
		long maxWait = settings.getMaxWait().toMillis();
		IntervalFunction backOff = (attempt) -> {
			double base = Math.min(maxWait, wait * Math.pow(multiplier, attempt - 1));
			double jittered = base * (1 + JITTER * (2 * ThreadLocalRandom.current().nextDouble() - 1));
			return Math.min(maxWait, Math.round(jittered));
		};
		return decidedByUs(RetryConfig.custom().maxAttempts(settings.getMaxAttempts()).intervalFunction(backOff).build());
	}

	/** {@code config} (ours, or Resilience4j's instance properties) with wx-network deciding what is retried. */
	static RetryConfig decidedByUs(RetryConfig config) {
		return RetryConfig.from(config)
			.retryOnException(Attempts.RetryableFailure.class::isInstance)
			.retryExceptions()
			.ignoreExceptions()
			.failAfterMaxAttempts(false)
			.build();
	}

	/** A new task's attempts; {@link Attempts#SINGLE} (nothing to track) without retry or breaker. */
	public Attempts start(TaskKind kind, String method) {
		boolean retries = this.retry != null && this.methods.contains(method);
		if (!retries && this.circuitBreaker == null) {
			return Attempts.SINGLE;
		}
		return new Attempts(kind, retries ? this.retry.asyncContext() : null, this.circuitBreaker, this);
	}

	/** Whether tasks under this policy may be retried or have a circuit breaker. */
	public boolean isActive() {
		return this.retry != null || this.circuitBreaker != null;
	}

	boolean retriesStatus(int status) {
		return this.statuses.contains(status);
	}

	long maxWaitMillis() {
		return this.maxWaitMillis;
	}

	int maxAttempts() {
		return this.retry.getRetryConfig().getMaxAttempts();
	}

	/** The wait before the attempt after {@code failedAttempts} failed ones, by the retry's interval function. */
	long backOff(int failedAttempts, Throwable failure) {
		return this.retry.getRetryConfig().getIntervalBiFunction().apply(failedAttempts, Either.left(failure));
	}

}
