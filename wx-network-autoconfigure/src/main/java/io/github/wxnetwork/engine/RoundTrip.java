package io.github.wxnetwork.engine;

import java.io.IOException;

import io.github.wxnetwork.HeadersReceived;
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

	/** Removes whatever a failed or aborted round trip left behind (a partial file). Must not throw. */
	default void discard() {
	}

}
