package io.github.wxnetwork.engine;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.github.wxnetwork.WxProfile;
import okhttp3.Call;
import okhttp3.Connection;
import okhttp3.EventListener;
import okhttp3.Handshake;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Fills WeChat's {@code profile} from OkHttp's call events. One per task, attached to the request as a
 * tag (only when the task wants a profile) and found by {@link #FACTORY}. The events of a call arrive on
 * the thread that executes it, which also takes the snapshot, with one exception: OkHttp races TCP
 * connects to several addresses ("fast fallback") on threads of its own, so connect starts are kept per
 * address in a concurrent map and the winner's is read when the call thread hears {@code connectEnd}.
 * {@code queueEnd} is written by the thread that starts the task.
 *
 * <p>Phases are those of the final hop: a redirect starts a new fetch, and WeChat counts redirect time
 * only while the hops stay on one host. Durations for the estimates are measured with
 * {@link System#nanoTime()}, since on a fast network they are well under a millisecond.
 */
public final class ProfileRecorder extends EventListener {

	/** Finds the task's recorder on the call's request; calls that are not ours get no listener. */
	public static final EventListener.Factory FACTORY = (call) -> {
		ProfileRecorder recorder = call.request().tag(ProfileRecorder.class);
		return (recorder != null) ? recorder : EventListener.NONE;
	};

	private final long invokeStart;

	volatile long queueEnd;

	/** Set when the task wants a profile; the estimates it folds into. */
	private NetworkQuality quality;

	/** Whether the consumer paces the body: its rate then says nothing of the network. */
	private boolean pacedByConsumer;

	/** Connect attempts by address: epoch ms and nanoTime of each start. Created on the first connect. */
	private volatile Map<InetSocketAddress, long[]> connectAttempts;

	private long callStart;

	private long redirectEnd;

	private boolean redirectedAcrossHosts;

	private long fetchStart;

	private long domainLookupStart;

	private long domainLookupEnd;

	private long connectStart;

	private long connectEnd;

	private long sslStart;

	private long sslStartNanos;

	private long sslEnd;

	private long handshakeNanos = -1;

	private long requestStart;

	private long requestEnd;

	private long requestEndNanos;

	private long responseStart;

	private long responseStartNanos;

	private long responseEnd;

	private long responseEndNanos;

	private long httpRttNanos = -1;

	private long bodyBytes;

	private String host = "";

	private String peerIp = "";

	private int port;

	private String protocol = "";

	private boolean connectedThisHop;

	private boolean socketReused;

	private long sentBytes;

	private long receivedBytes;

	ProfileRecorder(long invokeStart) {
		this.invokeStart = invokeStart;
	}

	/** Turns recording on: the task's request will carry this recorder, and its samples feed {@code quality}. */
	void enable(NetworkQuality quality) {
		this.quality = quality;
	}

	/** The consumer sets the body's pace (enableChunked: server-sent events, say): its rate is not the network's. */
	void bodyPacedByConsumer() {
		this.pacedByConsumer = true;
	}

	/**
	 * The profile as WeChat defines it, or null when the task did not want one. Folds this task's samples
	 * into its host's estimates, so it is taken once, when the response has been read.
	 */
	public WxProfile snapshot() {
		if (this.quality == null) {
			return null;
		}
		long transportRtt = (this.handshakeNanos >= 0) ? this.handshakeNanos : -1;
		double throughput = (this.bodyBytes > 0 && this.responseEndNanos > this.responseStartNanos)
				? this.bodyBytes * 8e6 / (this.responseEndNanos - this.responseStartNanos) : -1;
		boolean throughputSample = !this.pacedByConsumer && this.bodyBytes >= NetworkQuality.MIN_THROUGHPUT_BYTES;
		NetworkQuality.Estimate estimate = this.quality.observe(this.host, millis(this.httpRttNanos),
				millis(transportRtt), throughputSample ? throughput : -1);
		long rtt = (transportRtt >= 0) ? Math.round(millis(transportRtt)) : Math.max(0, estimate.transportRtt());
		// On a reused connection, or without a look-up (an IP address, the cache), DNS "happened" at fetchStart;
		// on a reused connection (or none, from the cache), so did connecting: WeChat's wording.
		boolean looked = this.domainLookupStart != 0 && !this.socketReused;
		boolean connected = this.connectStart != 0 && !this.socketReused;
		long lookupStart = looked ? this.domainLookupStart : this.fetchStart;
		long lookupEnd = looked ? this.domainLookupEnd : this.fetchStart;
		long connectStarted = connected ? this.connectStart : this.fetchStart;
		long connectEnded = connected ? this.connectEnd : this.fetchStart;
		boolean redirected = this.redirectEnd != 0 && !this.redirectedAcrossHosts;
		return new WxProfile(this.invokeStart, this.invokeStart, this.queueEnd, redirected ? this.callStart : 0,
				redirected ? this.redirectEnd : 0, this.fetchStart, lookupStart, lookupEnd, connectStarted, connectEnded,
				connected ? this.sslStart : 0, connected ? this.sslEnd : 0, this.requestStart, this.requestEnd, this.responseStart, this.responseEnd,
				this.peerIp, this.port, this.protocol, this.socketReused, this.sentBytes, this.receivedBytes, rtt,
				estimate.netType(), Math.max(0, estimate.httpRtt()), Math.max(0, estimate.transportRtt()),
				Math.max(0, estimate.throughputKbps()), (throughput >= 0) ? Math.round(throughput) : 0);
	}

	/**
	 * A redirect is followed: the next hop is a new fetch. Called by the redirect follower just before it
	 * sends the next request.
	 * @param sameHost whether the next hop stays on the host of the one that redirected
	 */
	void redirected(boolean sameHost) {
		long now = now();
		this.redirectEnd = now;
		this.redirectedAcrossHosts |= !sameHost;
		newHop(now);
		// A hop to the same origin goes on the call's own connection, and OkHttp announces no acquisition for
		// it: reused unless the hop connects or acquires another (which the events then say).
		this.socketReused = true;
	}

	/** Forgets the connection phases of the hop before: the next one has its own. */
	private void newHop(long fetchStart) {
		this.fetchStart = fetchStart;
		this.domainLookupStart = 0;
		this.domainLookupEnd = 0;
		this.connectStart = 0;
		this.connectEnd = 0;
		this.sslStart = 0;
		this.sslStartNanos = 0;
		this.sslEnd = 0;
		this.handshakeNanos = -1;
		this.connectedThisHop = false;
		this.connectAttempts = null;
	}

	private static long now() {
		return System.currentTimeMillis();
	}

	private static double millis(long nanos) {
		return (nanos >= 0) ? nanos / 1e6 : -1;
	}

	/** A new call (a task's first, or a later attempt): everything but the queue times starts afresh. */
	@Override
	public void callStart(Call call) {
		this.callStart = now();
		newHop(this.callStart);
		this.redirectEnd = 0;
		this.redirectedAcrossHosts = false;
		this.requestStart = 0;
		this.requestEnd = 0;
		this.responseStart = 0;
		this.responseEnd = 0;
		this.httpRttNanos = -1;
		this.bodyBytes = 0;
		this.socketReused = false;
		this.sentBytes = 0;
		this.receivedBytes = 0;
	}

	@Override
	public void dnsStart(Call call, String domainName) {
		this.domainLookupStart = now();
	}

	@Override
	public void dnsEnd(Call call, String domainName, List<InetAddress> addresses) {
		this.domainLookupEnd = now();
	}

	/** May run on one of OkHttp's fast-fallback threads, one per address tried. */
	@Override
	public void connectStart(Call call, InetSocketAddress address, Proxy proxy) {
		long[] started = { now(), System.nanoTime() };
		Map<InetSocketAddress, long[]> attempts = this.connectAttempts;
		if (attempts == null) {
			synchronized (this) {
				attempts = this.connectAttempts;
				if (attempts == null) {
					attempts = new ConcurrentHashMap<>(4);
					this.connectAttempts = attempts;
				}
			}
		}
		attempts.put(address, started);
	}

	@Override
	public void secureConnectStart(Call call) {
		this.sslStart = now();
		this.sslStartNanos = System.nanoTime();
	}

	@Override
	public void secureConnectEnd(Call call, Handshake handshake) {
		this.sslEnd = now();
	}

	@Override
	public void connectEnd(Call call, InetSocketAddress address, Proxy proxy, Protocol protocol) {
		long nanos = System.nanoTime();
		this.connectEnd = now();
		Map<InetSocketAddress, long[]> attempts = this.connectAttempts;
		long[] started = (attempts != null) ? attempts.get(address) : null;
		if (started == null) {
			return;
		}
		this.connectStart = started[0];
		this.connectedThisHop = true;
		// The TCP handshake alone (one round trip: SYN, SYN-ACK): TLS, when there is some, starts after it.
		this.handshakeNanos = ((this.sslStartNanos != 0) ? this.sslStartNanos : nanos) - started[1];
	}

	@Override
	public void connectionAcquired(Call call, Connection connection) {
		this.socketReused = !this.connectedThisHop;
		this.connectedThisHop = false;
		InetSocketAddress address = connection.route().socketAddress();
		this.peerIp = (address.getAddress() != null) ? address.getAddress().getHostAddress() : address.getHostString();
		this.port = address.getPort();
		this.protocol = weChatName(connection.protocol());
	}

	@Override
	public void requestHeadersStart(Call call) {
		this.requestStart = now();
	}

	@Override
	public void requestHeadersEnd(Call call, Request request) {
		// The estimates are per host the task asked for (a coalesced HTTP/2 connection may serve several).
		this.host = request.url().host();
		this.requestEnd = now();
		this.requestEndNanos = System.nanoTime();
		this.sentBytes += request.headers().byteCount();
	}

	@Override
	public void requestBodyEnd(Call call, long byteCount) {
		this.requestEnd = now();
		this.requestEndNanos = System.nanoTime();
		this.sentBytes += byteCount;
	}

	@Override
	public void responseHeadersStart(Call call) {
		// OkHttp announces this once the response's headers are read: close to its first byte.
		this.responseStart = now();
		this.responseStartNanos = System.nanoTime();
		this.httpRttNanos = this.responseStartNanos - this.requestEndNanos;
	}

	@Override
	public void responseHeadersEnd(Call call, Response response) {
		this.receivedBytes += response.headers().byteCount();
	}

	@Override
	public void responseBodyEnd(Call call, long byteCount) {
		this.responseEnd = now();
		this.responseEndNanos = System.nanoTime();
		this.receivedBytes += byteCount;
		this.bodyBytes = byteCount;
	}

	@Override
	public void cacheHit(Call call, Response response) {
		// Served from disk: nothing crossed the network, so the request and response phases are that instant.
		long now = now();
		this.requestStart = now;
		this.requestEnd = now;
		this.responseStart = now;
		this.responseEnd = now;
		this.host = response.request().url().host();
	}

	/** WeChat names HTTP/1.1 {@code http1.1} and HTTP/2 {@code h2}. */
	static String weChatName(Protocol protocol) {
		if (protocol == Protocol.HTTP_1_1) {
			return "http1.1";
		}
		if (protocol == Protocol.HTTP_1_0) {
			return "http1.0";
		}
		if (protocol == Protocol.HTTP_2 || protocol == Protocol.H2_PRIOR_KNOWLEDGE) {
			return "h2";
		}
		return protocol.toString();
	}

}
