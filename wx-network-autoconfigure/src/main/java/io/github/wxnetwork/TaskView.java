package io.github.wxnetwork;

import java.time.Instant;

/**
 * A task as its observers see it: who it is and how far it got, read-only. Metrics, the task limiter,
 * the task registry and the actuator endpoint receive this view, never the task itself, so none of them
 * can start, end or abort a task behind the engine's back.
 */
public interface TaskView {

	/** The task's id, as {@link WxTask#id()}. */
	String id();

	TaskKind kind();

	/** The HTTP method, upper case; {@code UNKNOWN} for a name that is no method (such a task fails). */
	String method();

	/** The URL with query values and userinfo masked ({@code ***}): safe to show, log or tag. */
	String url();

	TaskState state();

	/** The response's status code, or 0 before (or without) a response. */
	int statusCode();

	/** Body bytes received (request, download) or sent (upload) so far. */
	long bytesTransferred();

	/** Body bytes expected, or -1 when unknown. */
	long bytesExpected();

	/** When the task took its slot, or null while queued (or when it never ran). */
	Instant startedAt();

	/** The attempt on the wire, 1 for the first; a retried task counts up, staying RUNNING between attempts. */
	default int attempt() {
		return 1;
	}

}
