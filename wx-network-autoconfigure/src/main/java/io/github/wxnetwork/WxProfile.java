package io.github.wxnetwork;

/**
 * WeChat's {@code res.profile}: when each phase of a task happened and what connection it used.
 *
 * <p>Times are epoch milliseconds, 0 where a phase did not happen (no DNS look-up on a reused
 * connection, no TLS on plain HTTP). Names are WeChat's, spelling included.
 *
 * @param invokeStart when the template was called
 * @param queueStart when the task entered its kind's queue
 * @param queueEnd when it left the queue and took a slot
 * @param redirectStart start of the first redirected hop, 0 without redirects
 * @param redirectEnd end of the last redirect response, 0 without redirects
 * @param fetchStart when the HTTP call started
 * @param domainLookupStart DNS start
 * @param domainLookupEnd DNS end
 * @param connectStart TCP connect start
 * @param connectEnd connection established (after TLS)
 * @param SSLconnectionStart TLS handshake start
 * @param SSLconnectionEnd TLS handshake end
 * @param requestStart request headers started
 * @param requestEnd request fully sent
 * @param responseStart response headers started
 * @param responseEnd response body fully read
 * @param peerIP the server's IP address
 * @param port the server's port
 * @param protocol {@code http1.1}, {@code h2} (or another ALPN name)
 * @param socketReused whether the connection came from the pool
 * @param sendBytesCount request bytes sent (headers and body)
 * @param receivedBytedCount response bytes received (headers and body)
 */
public record WxProfile(long invokeStart, long queueStart, long queueEnd, long redirectStart, long redirectEnd,
		long fetchStart, long domainLookupStart, long domainLookupEnd, long connectStart, long connectEnd,
		long SSLconnectionStart, long SSLconnectionEnd, long requestStart, long requestEnd, long responseStart,
		long responseEnd, String peerIP, int port, String protocol, boolean socketReused, long sendBytesCount,
		long receivedBytedCount) {
}
