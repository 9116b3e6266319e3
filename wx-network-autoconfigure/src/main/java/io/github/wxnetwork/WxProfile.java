package io.github.wxnetwork;

/**
 * WeChat's {@code res.profile}: when each phase of a task happened and what connection it used.
 *
 * <p>Times are epoch milliseconds. As WeChat defines them: without a DNS look-up (a reused connection,
 * an IP address) {@code domainLookupStart/End} equal {@code fetchStart}; on a reused connection
 * {@code connectStart/End} do too; without TLS the SSL times are 0; redirects count only while they
 * stay on the same host. Names are WeChat's, spelling included.
 *
 * <p>The estimates are per host, moving averages over recent tasks to it (RFC 6298's smoothing), so one
 * slow reply does not swing them; {@code estimate_nettype} reads them with the thresholds of Chromium's
 * network quality estimator.
 *
 * @param invokeStart when the template was called
 * @param queueStart when the task entered its kind's queue
 * @param queueEnd when it left the queue and took a slot
 * @param redirectStart start of the first hop when every redirect stayed on the same host, else 0
 * @param redirectEnd end of the last redirect response under the same rule, else 0
 * @param fetchStart when the final hop's fetch started (the call's start without redirects)
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
 * @param rtt this task's round-trip time in ms: its TCP handshake when it opened a connection, else the
 * host's transport RTT estimate; 0 when neither is known
 * @param estimate_nettype {@code slow-2g}, {@code 2g}, {@code 3g}, {@code 4g}, or {@code unknown} before
 * any estimate exists
 * @param httpRttEstimate the host's HTTP RTT estimate in ms (request sent to first response byte)
 * @param transportRttEstimate the host's transport RTT estimate in ms (TCP handshakes)
 * @param downstreamThroughputKbpsEstimate the host's download throughput estimate in kbit/s (from bodies
 * of 32 KiB and more), 0 before one is known
 * @param throughputKbps this task's own download rate in kbit/s (response body bytes over the time they
 * took), 0 when it received no body
 */
public record WxProfile(long invokeStart, long queueStart, long queueEnd, long redirectStart, long redirectEnd,
		long fetchStart, long domainLookupStart, long domainLookupEnd, long connectStart, long connectEnd,
		long SSLconnectionStart, long SSLconnectionEnd, long requestStart, long requestEnd, long responseStart,
		long responseEnd, String peerIP, int port, String protocol, boolean socketReused, long sendBytesCount,
		long receivedBytedCount, long rtt, String estimate_nettype, long httpRttEstimate, long transportRttEstimate,
		long downstreamThroughputKbpsEstimate, long throughputKbps) {

	/** The first round's profile, without RTT and throughput figures ({@code estimate_nettype} "unknown"). */
	public WxProfile(long invokeStart, long queueStart, long queueEnd, long redirectStart, long redirectEnd,
			long fetchStart, long domainLookupStart, long domainLookupEnd, long connectStart, long connectEnd,
			long SSLconnectionStart, long SSLconnectionEnd, long requestStart, long requestEnd, long responseStart,
			long responseEnd, String peerIP, int port, String protocol, boolean socketReused, long sendBytesCount,
			long receivedBytedCount) {
		this(invokeStart, queueStart, queueEnd, redirectStart, redirectEnd, fetchStart, domainLookupStart,
				domainLookupEnd, connectStart, connectEnd, SSLconnectionStart, SSLconnectionEnd, requestStart,
				requestEnd, responseStart, responseEnd, peerIP, port, protocol, socketReused, sendBytesCount,
				receivedBytedCount, 0, "unknown", 0, 0, 0, 0);
	}

}
