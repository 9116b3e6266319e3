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

	/** The {@code @WxClient} whose method made the task, by name; null for a template call. */
	default String client() {
		return null;
	}

	/**
	 * The URI template of the client method that made the task (e.g. {@code /items/{id}}): a bounded set, so
	 * fit for a metric tag, unlike the URL; null for a template call.
	 */
	default String uriTemplate() {
		return null;
	}

	/**
	 * {@code text} with this task's URL, wherever it appears (an invalid-url errMsg quotes it), masked as
	 * {@link #url()} is: what to do to any task text before it is shown or logged.
	 */
	default String mask(String text) {
		return text;
	}

	/** The attempt on the wire, 1 for the first; a retried task counts up, staying RUNNING between attempts. */
	default int attempt() {
		return 1;
	}

}
