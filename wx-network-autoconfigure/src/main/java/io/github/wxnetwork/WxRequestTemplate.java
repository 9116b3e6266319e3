package io.github.wxnetwork;

/**
 * {@code wx.request}: starts an HTTP request and returns its task at once.
 *
 * <p>The call validates the options and registers the task; it never blocks on the network or on
 * the concurrency limit. Bad options fail the task (its {@code fail} and {@code complete} callbacks
 * run, its future fails); they are never thrown from this method.
 */
public interface WxRequestTemplate {

	RequestTask request(RequestOptions options);

}
