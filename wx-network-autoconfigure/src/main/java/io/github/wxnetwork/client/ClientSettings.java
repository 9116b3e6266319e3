package io.github.wxnetwork.client;

import java.time.Duration;
import java.util.Map;

import io.github.wxnetwork.engine.MaskedUrl;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.util.StringValueResolver;

/**
 * One client's settings, read once at start-up from its annotation and {@code wx.network.clients.<name>.*}.
 *
 * @param type the client interface
 * @param name the client's name (the key of its properties)
 * @param baseUrl the base URL, placeholders resolved; empty when there is none
 * @param defaultHeaders headers of every call, which the mapping's and the arguments' headers replace
 * @param timeout the client's timeout, or null for the kind's {@code wx.network.*.timeout}
 * @param throwOnErrorStatus whether data-returning methods throw on a status of 400 or more
 * @param mapper the application's JSON mapper
 * @param placeholders resolves {@code ${...}}, failing on an unknown one
 */
record ClientSettings(Class<?> type, String name, String baseUrl, Map<String, String> defaultHeaders,
		Duration timeout, boolean throwOnErrorStatus, JsonMapper mapper, StringValueResolver placeholders) {

	/** {@code WxClient[name=shop, url=https://shop.example.com]}: what the proxy's toString() says, masked. */
	String description() {
		return "WxClient[name=" + this.name + ", url=" + (this.baseUrl.isEmpty() ? "" : MaskedUrl.of(this.baseUrl)) + "]";
	}

}
