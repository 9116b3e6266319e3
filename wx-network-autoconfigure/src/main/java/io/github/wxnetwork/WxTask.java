package io.github.wxnetwork;

import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * A running {@code wx.request}, {@code wx.uploadFile} or {@code wx.downloadFile}.
 *
 * <p>Listeners given in the options see every event; listeners added here see the events from then on.
 * Events and callbacks run on wx-network's threads, never on the thread that started the task before
 * the template call returned.
 *
 * @param <R> the success result
 */
public interface WxTask<R> {

	/** Unique and stable; the actuator endpoint shows it. */
	String id();

	TaskState state();

	/**
	 * Stops the task: a queued one never reaches the network, a running one has its connection closed.
	 * The task then fails with {@code abort} (600003). Idempotent; a finished task ignores it.
	 */
	void abort();

	WxTask<R> onHeadersReceived(Consumer<HeadersReceived> listener);

	/** Removes that listener instance. */
	WxTask<R> offHeadersReceived(Consumer<HeadersReceived> listener);

	/** Removes every headers-received listener, those of the options included. */
	WxTask<R> offHeadersReceived();

	/** The outcome; it fails with {@link WxNetworkException}. Cancelling it aborts the task. */
	CompletableFuture<R> toCompletableFuture();

	/**
	 * Waits for the outcome.
	 * @throws WxNetworkException when the task failed
	 */
	R join();

}
