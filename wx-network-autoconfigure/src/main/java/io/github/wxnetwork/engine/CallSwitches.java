package io.github.wxnetwork.engine;

import io.github.wxnetwork.Redirect;
import io.github.wxnetwork.TaskKind;
import io.github.wxnetwork.TaskOptions;
import okhttp3.Request;

/**
 * WeChat's per-task switches that shape the call rather than the request: carried as a request tag, read
 * by the engine (which client variant runs it) and the {@link RedirectFollower}.
 *
 * @param followRedirects {@code redirect: follow}
 * @param http2 whether h2 may be negotiated; null for {@code wx.network.enable-http2}
 * @param cache whether the HTTP cache may answer and store
 */
record CallSwitches(boolean followRedirects, Boolean http2, boolean cache) {

	/**
	 * Tags the request with the switches of a task's options, unless they are all defaults (the common
	 * case: then nothing is allocated, and no tag means defaults). An unknown {@code redirect} fails the task.
	 * @param cache whether the task asked for the HTTP cache
	 */
	static Request.Builder tag(Request.Builder request, TaskKind kind, TaskOptions<?> options, boolean cache) {
		// The default, as the builder set it, needs no parsing.
		boolean follow = Redirect.FOLLOW.name().equals(options.redirect()) || Redirect.parse(options.redirect())
			.orElseThrow(() -> Failures.invalid(kind, "invalid redirect \"" + options.redirect()
					+ "\": it must be \"follow\" or \"manual\"")) == Redirect.FOLLOW;
		if (follow && options.enableHttp2() == null && !cache) {
			return request;
		}
		return request.tag(CallSwitches.class, new CallSwitches(follow, options.enableHttp2(), cache));
	}

}
