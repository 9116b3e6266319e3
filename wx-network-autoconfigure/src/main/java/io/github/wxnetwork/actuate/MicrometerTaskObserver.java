package io.github.wxnetwork.actuate;

import java.util.Map;

import io.github.wxnetwork.TaskView;
import io.github.wxnetwork.WxErrno;
import io.github.wxnetwork.WxNetworkException;
import io.github.wxnetwork.engine.TaskObserver;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;

/**
 * A Micrometer {@link Observation} per task, from the template call to its end, named
 * {@code wx.network.tasks} and tagged by a {@link WxTaskObservationConvention} (the application's, else
 * {@link DefaultWxTaskObservationConvention}). With Boot's meter handler it is a timer; with Micrometer Tracing
 * it is a client span whose context is propagated in the request headers, as Spring's own HTTP clients do.
 * It also tells how long each task waited QUEUED, to {@link QueueTimers} when the application has Micrometer
 * metrics.
 */
public final class MicrometerTaskObserver implements TaskObserver {

	/** The observation's name (the default convention's). */
	public static final String NAME = DefaultWxTaskObservationConvention.NAME;

	private static final WxTaskObservationConvention DEFAULT_CONVENTION = new DefaultWxTaskObservationConvention();

	private final ObservationRegistry registry;

	private final WxTaskObservationConvention convention;

	private final QueueWaits queueWaits;

	/** The scope of every task when only the queue wait is wanted (no observation registry): nothing per task. */
	private final TaskObserver.Scope queueOnly;

	public MicrometerTaskObserver(ObservationRegistry registry) {
		this(registry, null, null);
	}

	/**
	 * @param convention the application's convention, or null for the default one
	 * @param queueWaits told how long each task waited QUEUED (the {@link QueueTimers}), or null
	 */
	public MicrometerTaskObserver(ObservationRegistry registry, WxTaskObservationConvention convention,
			QueueWaits queueWaits) {
		this.registry = registry;
		this.convention = convention;
		this.queueWaits = queueWaits;
		this.queueOnly = (queueWaits != null) ? new TaskObserver.Scope() {

			@Override
			public void dequeued(TaskView task, long queuedNanos) {
				queueWaits.waited(task.kind(), queuedNanos);
			}

		} : TaskObserver.Scope.NONE;
	}

	@Override
	public TaskObserver.Scope start(TaskView task) {
		if (this.registry.isNoop()) {
			return this.queueOnly;
		}
		WxTaskObservationContext context = new WxTaskObservationContext(task);
		Observation observation = Observation
			.createNotStarted(this.convention, DEFAULT_CONVENTION, () -> context, this.registry)
			.start();
		return new TaskObserver.Scope() {

			@Override
			public Map<String, String> headers() {
				return context.getCarrier();
			}

			@Override
			public void dequeued(TaskView task, long queuedNanos) {
				MicrometerTaskObserver.this.queueOnly.dequeued(task, queuedNanos);
			}

			@Override
			public void stop(TaskView ended, WxNetworkException failure) {
				context.failure(failure);
				if (failure != null && failure.errno() != WxErrno.ABORT) {
					observation.error(masked(ended, failure));
				}
				observation.stop();
			}

		};
	}

	/** The failure as a span may show it: an errMsg quoting the task's URL quotes it masked. */
	private static WxNetworkException masked(TaskView task, WxNetworkException failure) {
		String errMsg = task.mask(failure.errMsg());
		return errMsg.equals(failure.errMsg()) ? failure
				: new WxNetworkException(errMsg, failure.errno(), null, failure.exception());
	}

}
