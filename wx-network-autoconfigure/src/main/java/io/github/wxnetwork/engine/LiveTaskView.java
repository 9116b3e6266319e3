package io.github.wxnetwork.engine;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

import io.github.wxnetwork.TaskKind;
import io.github.wxnetwork.TaskState;
import io.github.wxnetwork.TaskView;
import io.github.wxnetwork.WxNetworkException;

/**
 * The observable part of one task: what its {@link TaskView} shows, written by the engine as the task
 * goes. A separate object from the task, so nobody holding the view can cast it back and drive the task.
 */
final class LiveTaskView implements TaskView {

	private final String id;

	private final TaskKind kind;

	private final String method;

	private final String url;

	private final AtomicReference<TaskState> state;

	private final ProfileRecorder profile;

	/** The masked url, made on first use: most tasks are never shown. */
	private String maskedUrl;

	private volatile int statusCode;

	private volatile long bytesTransferred;

	private volatile long bytesExpected = -1;

	private volatile int attempt = 1;

	// Set once when the task ends, before the registry stores the view in its ring, and read only by those who
	// took it from the ring: the ring's atomic store and load order them, so no volatile write on every task.
	private WxNetworkException failure;

	private long endedAt;

	/** Which finished task this was in the registry's count (the ring's slot is this modulo its size). */
	private long finishedNumber = -1;

	/** Set once by the launcher before anyone else sees the view. */
	private String client;

	private String uriTemplate;

	LiveTaskView(String id, TaskKind kind, String method, String url, AtomicReference<TaskState> state,
			ProfileRecorder profile) {
		this.id = id;
		this.kind = kind;
		this.method = method;
		this.url = url;
		this.state = state;
		this.profile = profile;
	}

	@Override
	public String id() {
		return this.id;
	}

	@Override
	public TaskKind kind() {
		return this.kind;
	}

	@Override
	public String method() {
		return this.method;
	}

	@Override
	public String url() {
		String masked = this.maskedUrl;
		if (masked == null) {
			masked = MaskedUrl.of(this.url);
			this.maskedUrl = masked;
		}
		return masked;
	}

	@Override
	public String mask(String text) {
		if (text == null || this.url == null || this.url.isBlank() || !text.contains(this.url)) {
			return text;
		}
		return text.replace(this.url, MaskedUrl.lenient(this.url));
	}

	@Override
	public TaskState state() {
		return this.state.get();
	}

	@Override
	public int statusCode() {
		return this.statusCode;
	}

	void statusCode(int statusCode) {
		this.statusCode = statusCode;
	}

	@Override
	public long bytesTransferred() {
		return this.bytesTransferred;
	}

	@Override
	public long bytesExpected() {
		return this.bytesExpected;
	}

	/** Written by one owner per kind: the response body's reader, or an upload's request body. */
	void transferred(long done, long expected) {
		this.bytesTransferred = done;
		this.bytesExpected = expected;
	}

	@Override
	public int attempt() {
		return this.attempt;
	}

	void attempt(int attempt) {
		this.attempt = attempt;
	}

	@Override
	public String client() {
		return this.client;
	}

	@Override
	public String uriTemplate() {
		return this.uriTemplate;
	}

	void origin(String client, String uriTemplate) {
		this.client = client;
		this.uriTemplate = uriTemplate;
	}

	/** Records how the task ended (no object made: the recent ring keeps this view). */
	void ended(WxNetworkException failure, long endedAtMillis, long finishedNumber) {
		this.failure = failure;
		this.endedAt = endedAtMillis;
		this.finishedNumber = finishedNumber;
	}

	long finishedNumber() {
		return this.finishedNumber;
	}

	/** The task as it ended; only once {@link #ended} was called. */
	FinishedTask finished() {
		return new FinishedTask(this, this.failure, this.endedAt);
	}

	@Override
	public Instant startedAt() {
		long start = this.profile.queueEnd;
		return (start != 0) ? Instant.ofEpochMilli(start) : null;
	}

	@Override
	public String toString() {
		return this.kind.type() + " task " + this.id + " [" + this.state.get() + "]";
	}

}
