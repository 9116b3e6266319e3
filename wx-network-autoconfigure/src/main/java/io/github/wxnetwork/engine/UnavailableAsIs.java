package io.github.wxnetwork.engine;

import java.io.IOException;

import okhttp3.Interceptor;
import okhttp3.Response;

/**
 * Keeps OkHttp from re-sending a request by itself when a 503 says {@code Retry-After: 0}: OkHttp does so
 * once, at once, whatever the method (a POST included), and nobody would see the 503. For wx-network a 503
 * is the task's result (WeChat's rule), and whether it is tried again is the task's retry policy. The
 * header is dropped from such a response only: "wait 0 seconds" says nothing that its absence does not.
 */
final class UnavailableAsIs implements Interceptor {

	static final UnavailableAsIs INSTANCE = new UnavailableAsIs();

	private UnavailableAsIs() {
	}

	@Override
	public Response intercept(Chain chain) throws IOException {
		Response response = chain.proceed(chain.request());
		if (response.code() == 503 && "0".equals(response.header("Retry-After"))) {
			return response.newBuilder().removeHeader("Retry-After").build();
		}
		return response;
	}

}
