package io.github.wxnetwork.actuate;

import java.util.LinkedHashMap;
import java.util.Map;

import io.github.wxnetwork.TaskView;
import io.github.wxnetwork.WxErrno;
import io.github.wxnetwork.WxNetworkException;
import io.github.wxnetwork.engine.TaskObserver;
import io.micrometer.common.KeyValues;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.transport.Kind;
import io.micrometer.observation.transport.SenderContext;

/**
 * A Micrometer {@link Observation} per task, from the template call to its end, named
 * {@code wx.network.tasks}. With Boot's meter handler it is a timer tagged kind, method, outcome and
 * status (no URLs: bounded cardinality); with Micrometer Tracing it is a client span whose context is
 * propagated in the request headers, as Spring's own HTTP clients do.
 */
public final class MicrometerTaskObserver implements TaskObserver {

	public static final String NAME = "wx.network.tasks";

	private static final ObservationConvention<TaskContext> CONVENTION = new Convention();

	private final ObservationRegistry registry;

	public MicrometerTaskObserver(ObservationRegistry registry) {
		this.registry = registry;
	}

	@Override
	public TaskObserver.Scope start(TaskView task) {
		if (this.registry.isNoop()) {
			return TaskObserver.Scope.NONE;
		}
		TaskContext context = new TaskContext(task);
		Observation observation = Observation.createNotStarted(CONVENTION, () -> context, this.registry).start();
		return new TaskObserver.Scope() {

			@Override
			public Map<String, String> headers() {
				return context.getCarrier();
			}

			@Override
			public void stop(TaskView ended, WxNetworkException failure) {
				context.failure = failure;
				if (failure != null && failure.errno() != WxErrno.ABORT) {
					observation.error(failure);
				}
				observation.stop();
			}

		};
	}

	private static final String[] ATTEMPTS = { "0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10" };

	/** Attempts on the wire, bounded by the retry's max-attempts (so a tag of low cardinality). */
	static String attempts(int attempts) {
		return (attempts >= 0 && attempts < ATTEMPTS.length) ? ATTEMPTS[attempts] : Integer.toString(attempts);
	}

	/** How a task ended, for the outcome tag. */
	static String outcome(WxNetworkException failure) {
		if (failure == null) {
			return "success";
		}
		return switch (failure.errno()) {
			case WxErrno.ABORT -> "abort";
			case WxErrno.TIMEOUT -> "timeout";
			default -> "fail";
		};
	}

	/** The task and, once ended, its failure; the carrier takes the propagation headers. */
	public static final class TaskContext extends SenderContext<Map<String, String>> {

		private final TaskView task;

		private volatile WxNetworkException failure;

		TaskContext(TaskView task) {
			super(Map::put, Kind.CLIENT);
			this.task = task;
			setCarrier(new LinkedHashMap<>());
			setRemoteServiceName(task.kind().type());
		}

		public TaskView task() {
			return this.task;
		}

		public WxNetworkException failure() {
			return this.failure;
		}

	}

	/** Tags: kind, method, outcome, status, attempts (low cardinality); the masked URL and task id (high). */
	static final class Convention implements ObservationConvention<TaskContext> {

		@Override
		public String getName() {
			return NAME;
		}

		@Override
		public String getContextualName(TaskContext context) {
			return "wx " + context.task().kind().type() + " " + context.task().method();
		}

		@Override
		public KeyValues getLowCardinalityKeyValues(TaskContext context) {
			int status = context.task().statusCode();
			return KeyValues.of("kind", context.task().kind().type(), "method", context.task().method(), "outcome",
					outcome(context.failure()), "status", (status != 0) ? Integer.toString(status) : "NONE", "attempts",
					attempts(context.task().attempt()));
		}

		@Override
		public KeyValues getHighCardinalityKeyValues(TaskContext context) {
			return KeyValues.of("url", context.task().url(), "task.id", context.task().id());
		}

		@Override
		public boolean supportsContext(Observation.Context context) {
			return context instanceof TaskContext;
		}

	}

}
