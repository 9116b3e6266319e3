package io.github.wxnetwork.engine;

import java.io.IOException;

import okhttp3.Interceptor;
import okhttp3.Response;

/**
 * Marks the thread while OkHttp sends a call to the connection: the innermost network interceptor, around
 * the write of the request body. Upload progress counts only those writes, so an interceptor that reads a
 * body (a signer digesting it, a logger) never moves progress, whatever it writes the body into.
 */
final class OnTheWire implements Interceptor {

	static final OnTheWire INSTANCE = new OnTheWire();

	private static final ThreadLocal<Boolean> SENDING = new ThreadLocal<>();

	private OnTheWire() {
	}

	/** Whether this thread is writing a call's request to its connection. */
	static boolean now() {
		return SENDING.get() == Boolean.TRUE;
	}

	@Override
	public Response intercept(Chain chain) throws IOException {
		SENDING.set(Boolean.TRUE);
		try {
			return chain.proceed(chain.request());
		}
		finally {
			// Set, not removed: a pooled thread's entry stays, so its next call allocates nothing here (a virtual
			// thread's goes with the thread).
			SENDING.set(Boolean.FALSE);
		}
	}

}
