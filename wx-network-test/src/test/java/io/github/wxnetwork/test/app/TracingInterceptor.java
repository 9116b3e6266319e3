package io.github.wxnetwork.test.app;

import java.io.IOException;

import okhttp3.Interceptor;
import okhttp3.Response;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** The catalog client's interceptor: a component the slice must load because the client names it. */
@Component
public class TracingInterceptor implements Interceptor {

	private final String service;

	public TracingInterceptor(@Value("${spring.application.name:test-app}") String service) {
		this.service = service;
	}

	@Override
	public Response intercept(Chain chain) throws IOException {
		return chain.proceed(chain.request().newBuilder().header("X-Caller", this.service).build());
	}

}
