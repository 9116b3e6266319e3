package io.github.wxnetwork.engine;

import java.io.IOException;

import io.github.wxnetwork.HeadersReceived;
import okhttp3.Request;
import okhttp3.Response;

/**
 * What one kind of task does with its response on the wire. The engine does the rest (threads, timeout,
 * cancel, failures) the same way for every kind.
 *
 * @param <R> the success result
 */
interface RoundTrip<R> {

	/**
	 * Reads the response into the result.
	 * @param headers the response's headers as already announced to the task's listeners
	 * @throws IOException when the transfer fails; the task fails with it
	 */
	R read(Response response, HeadersReceived headers) throws IOException;

	/** The request of the next attempt ({@code original} unless the round trip resumes a body it has in part). */
	default Request request(Request original) {
		return original;
	}

	/**
	 * Whether an attempt that failed after its headers reached the listeners may still be retried: only when
	 * the round trip can go on from where it stopped (a download resumes or starts again, unseen).
	 */
	default boolean retriesAfterHeaders() {
		return false;
	}

	/** Removes whatever a failed or aborted round trip left behind (a partial file). Must not throw. */
	default void discard() {
	}

}
