package io.github.wxnetwork.autoconfigure;

import okhttp3.OkHttpClient;

/**
 * Customizes the auto-configured {@link OkHttpClient} (proxy, TLS, connection pool, interceptors)
 * without replacing it. Applied in {@code @Order}.
 */
@FunctionalInterface
public interface WxOkHttpCustomizer {

	void customize(OkHttpClient.Builder builder);

}
