package io.github.wxnetwork.client;

import io.github.wxnetwork.Redirect;
import io.github.wxnetwork.RequestOptions;
import io.github.wxnetwork.TaskOptions;

/**
 * WeChat's switches of one method, from its {@link WxOptions} and its interface's: null where neither
 * sets one, so the template's default (and {@code wx.network.*}) applies.
 *
 * @param redirect {@code redirect}
 * @param enableHttp2 {@code enableHttp2}
 * @param enableProfile {@code enableProfile}
 * @param enableChunked {@code enableChunked} (requests only)
 * @param enableCache {@code enableCache} (requests only)
 */
record Switches(Redirect redirect, Boolean enableHttp2, Boolean enableProfile, Boolean enableChunked,
		Boolean enableCache) {

	/** The switches every kind has, set on a builder of any kind. */
	<B extends TaskOptions.Builder<?, ?, B>> B applyCommon(B builder) {
		if (this.redirect != null) {
			builder.redirect(this.redirect);
		}
		if (this.enableHttp2 != null) {
			builder.enableHttp2(this.enableHttp2);
		}
		if (this.enableProfile != null) {
			builder.enableProfile(this.enableProfile);
		}
		return builder;
	}

	/** Every switch, on a request's builder. */
	RequestOptions.Builder applyToRequest(RequestOptions.Builder builder) {
		applyCommon(builder);
		if (this.enableChunked != null) {
			builder.enableChunked(this.enableChunked);
		}
		if (this.enableCache != null) {
			builder.enableCache(this.enableCache);
		}
		return builder;
	}

}
