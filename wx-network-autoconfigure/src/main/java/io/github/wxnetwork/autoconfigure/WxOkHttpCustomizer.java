package io.github.wxnetwork.autoconfigure;

import okhttp3.OkHttpClient;

/**
 * Customizes the {@link OkHttpClient} of wx-network's auto-configured engine (proxy, TLS, connection
 * pool, interceptors): a new client, or the one derived from the {@link WxOkHttpClient} bean, after its
 * per-phase timeouts were turned off. Applied in {@code @Order}. Not applied to a {@code WxHttpEngine}
 * bean of the application's own.
 */
@FunctionalInterface
public interface WxOkHttpCustomizer {

	void customize(OkHttpClient.Builder builder);

}
