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

	public WxNetworkException failure(TaskKind kind) {
		return this.failure.apply(kind);
	}

}
