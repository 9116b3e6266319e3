package io.github.wxnetwork.engine;

import io.github.wxnetwork.Redirect;
import io.github.wxnetwork.TaskKind;
import io.github.wxnetwork.TaskOptions;

/**
 * WeChat's per-task switches that shape the call rather than the request: carried as a request tag, read
 * by the engine (which client variant runs it) and the {@link RedirectFollower}.
 *
 * @param followRedirects {@code redirect: follow}
 * @param http2 whether h2 may be negotiated; null for {@code wx.network.enable-http2}
 * @param cache whether the HTTP cache may answer and store
 */
record CallSwitches(boolean followRedirects, Boolean http2, boolean cache) {

	/** The switches of a task's options; an unknown {@code redirect} fails the task. */
	static CallSwitches of(TaskKind kind, TaskOptions<?> options, boolean cache) {
		Redirect redirect = Redirect.parse(options.redirect())
			.orElseThrow(() -> Failures.invalid(kind, "invalid redirect \"" + options.redirect()
					+ "\": it must be \"follow\" or \"manual\""));
		return new CallSwitches(redirect == Redirect.FOLLOW, options.enableHttp2(), cache);
	}

}
