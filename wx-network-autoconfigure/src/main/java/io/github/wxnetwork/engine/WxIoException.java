package io.github.wxnetwork.engine;

import java.io.IOException;
import java.util.function.Function;

import io.github.wxnetwork.TaskKind;
import io.github.wxnetwork.WxNetworkException;

/**
 * An {@link IOException} that our own code raises inside OkHttp's call (a redirect to a host not on
 * the allow-list, a download past its size cap) and that already knows its WeChat failure.
 */
public final class WxIoException extends IOException {

	private final transient Function<TaskKind, WxNetworkException> failure;

	public WxIoException(String message, Function<TaskKind, WxNetworkException> failure) {
		super(message);
		this.failure = failure;
	}

	/**
	 * A failure of a file on this machine (a download's part, its move into place): the cause's message with
	 * errno 600001 as before, but marked as ours, so it is not retried and no circuit breaker counts it.
	 */
	public static WxIoException local(IOException cause) {
		WxIoException local = new WxIoException(String.valueOf(cause.getMessage()), (kind) -> Failures.fromIo(kind, cause));
		local.initCause(cause);
		return local;
	}

	public WxNetworkException failure(TaskKind kind) {
		return this.failure.apply(kind);
	}

}
