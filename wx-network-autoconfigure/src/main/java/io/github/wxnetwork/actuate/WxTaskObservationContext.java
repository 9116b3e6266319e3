package io.github.wxnetwork.actuate;

import java.util.LinkedHashMap;
import java.util.Map;

import io.github.wxnetwork.TaskView;
import io.github.wxnetwork.WxNetworkException;
import io.micrometer.observation.transport.Kind;
import io.micrometer.observation.transport.SenderContext;

/**
 * The context of a task's observation ({@code wx.network.tasks}): the task and, once it ended, its failure. The
 * carrier takes the propagation headers a tracer adds, which go out with the request.
 */
public final class WxTaskObservationContext extends SenderContext<Map<String, String>> {

	private final TaskView task;

	private volatile WxNetworkException failure;

	public WxTaskObservationContext(TaskView task) {
		super(Map::put, Kind.CLIENT);
		this.task = task;
		setCarrier(new LinkedHashMap<>());
		setRemoteServiceName(task.kind().type());
	}

	/** The task, read-only; its state is terminal once the observation stops. */
	public TaskView task() {
		return this.task;
	}

	/** Why the task failed, or null (before it ended, or when it succeeded). */
	public WxNetworkException failure() {
		return this.failure;
	}

	void failure(WxNetworkException failure) {
		this.failure = failure;
	}

}
