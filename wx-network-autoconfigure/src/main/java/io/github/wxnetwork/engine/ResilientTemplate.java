package io.github.wxnetwork.engine;

import io.github.wxnetwork.resilience.ResiliencePolicy;

/**
 * A wx-network template that can be had with another retry and circuit-breaker policy (a
 * {@code @WxClient}'s own), sharing everything else.
 *
 * @param <T> the template's own type
 */
public interface ResilientTemplate<T> {

	/** This template with {@code policy} instead of its own. */
	T withPolicy(ResiliencePolicy policy);

}
