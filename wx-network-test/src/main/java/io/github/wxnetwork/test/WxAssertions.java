package io.github.wxnetwork.test;

import io.github.wxnetwork.WxTask;

/**
 * AssertJ entry point for wx-network tasks:
 *
 * <pre class="code">
 * assertThat(wx.request(options)).succeedsWithin(Duration.ofSeconds(5)).hasStatusCode(200);
 * assertThat(wx.request(slow)).failsWith("request:fail timeout");
 * </pre>
 */
public final class WxAssertions {

	private WxAssertions() {
	}

	/** Assertions on a task: how it ends, and its result or failure. */
	public static <R> WxTaskAssert<R> assertThat(WxTask<R> task) {
		return new WxTaskAssert<>(task);
	}

}
