package io.github.wxnetwork.actuate;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * How a task's observation is named and tagged. Declare a bean of this type to replace
 * {@link DefaultWxTaskObservationConvention} (or extend it to add tags), as Spring's
 * {@code ClientRequestObservationConvention} is replaced for its HTTP clients.
 */
public interface WxTaskObservationConvention extends ObservationConvention<WxTaskObservationContext> {

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof WxTaskObservationContext;
	}

}
