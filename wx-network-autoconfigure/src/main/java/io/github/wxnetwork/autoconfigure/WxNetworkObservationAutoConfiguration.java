package io.github.wxnetwork.autoconfigure;

import io.github.wxnetwork.actuate.MicrometerTaskObserver;
import io.github.wxnetwork.actuate.QueueTimers;
import io.github.wxnetwork.actuate.QueueWaits;
import io.github.wxnetwork.actuate.WxNetworkMeterBinder;
import io.github.wxnetwork.actuate.WxTaskObservationConvention;
import io.github.wxnetwork.engine.TaskObserver;
import io.github.wxnetwork.limits.TaskLimiter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Metrics and tracing of wx-network tasks: an observation per task when the application has an
 * {@link ObservationRegistry} (a timer and, with Micrometer Tracing, a span), and running/queued gauges and
 * queue timers when it has Micrometer metrics.
 */
@AutoConfiguration(after = WxNetworkAutoConfiguration.class,
		afterName = { "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration" })
@ConditionalOnClass(ObservationRegistry.class)
public final class WxNetworkObservationAutoConfiguration {

	/**
	 * The observation of every task, tagged by the application's {@link WxTaskObservationConvention} bean if it
	 * has one, and the queue timers when it has Micrometer metrics. (They come as {@link QueueWaits}: this
	 * signature must not name Micrometer's metrics, which may be missing.)
	 */
	@Bean
	@ConditionalOnBean(ObservationRegistry.class)
	@ConditionalOnMissingBean(TaskObserver.class)
	MicrometerTaskObserver wxTaskObserver(ObservationRegistry observationRegistry,
			ObjectProvider<WxTaskObservationConvention> convention, ObjectProvider<QueueWaits> queueWaits) {
		return new MicrometerTaskObserver(observationRegistry, convention.getIfAvailable(),
				queueWaits.getIfAvailable());
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterRegistry.class)
	@ConditionalOnBean({ MeterRegistry.class, TaskLimiter.class })
	static final class GaugesConfiguration {

		@Bean
		@ConditionalOnMissingBean
		WxNetworkMeterBinder wxNetworkMeterBinder(TaskLimiter limiter) {
			return new WxNetworkMeterBinder(limiter);
		}

		/** Fed by our observer only: an application's own {@link TaskObserver} gets no empty timers. */
		@Bean
		@ConditionalOnMissingBean(TaskObserver.class)
		QueueTimers wxQueueTimers(MeterRegistry registry) {
			return new QueueTimers(registry);
		}

	}

}
