package io.github.wxnetwork.engine;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.util.List;

import io.github.wxnetwork.WxProfile;
import okhttp3.Call;
import okhttp3.Connection;
import okhttp3.EventListener;
import okhttp3.Handshake;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Fills WeChat's {@code profile} from OkHttp's call events. One per task, attached to the request as
 * a tag and found by {@link #FACTORY}; the events of one call arrive on the thread that executes it,
 * the fields are volatile because the task may be read from another (the actuator endpoint).
 */
public final class ProfileRecorder extends EventListener {

	/** Finds the task's recorder on the call's request; calls that are not ours get no listener. */
	public static final EventListener.Factory FACTORY = (call) -> {
		ProfileRecorder recorder = call.request().tag(ProfileRecorder.class);
		return (recorder != null) ? recorder : EventListener.NONE;
	};

	private final long invokeStart;

	volatile long queueEnd;

	private volatile long redirectStart;

	private volatile long redirectEnd;

	private volatile long fetchStart;

	private volatile long domainLookupStart;

	private volatile long domainLookupEnd;

	private volatile long connectStart;

	private volatile long connectEnd;

	private volatile long sslStart;

	private volatile long sslEnd;

	private volatile long requestStart;

	private volatile long requestEnd;

	private volatile long responseStart;

	private volatile long responseEnd;

	private volatile String peerIp = "";

	private volatile int port;

	private volatile String protocol = "";

	private volatile boolean connectedThisHop;

	private volatile boolean socketReused;

	private volatile long sentBytes;

	private volatile long receivedBytes;

	ProfileRecorder(long invokeStart) {
		this.invokeStart = invokeStart;
	}

	public WxProfile snapshot() {
		return new WxProfile(this.invokeStart, this.invokeStart, this.queueEnd, this.redirectStart, this.redirectEnd,
				this.fetchStart, this.domainLookupStart, this.domainLookupEnd, this.connectStart, this.connectEnd,
				this.sslStart, this.sslEnd, this.requestStart, this.requestEnd, this.responseStart, this.responseEnd,
				this.peerIp, this.port, this.protocol, this.socketReused, this.sentBytes, this.receivedBytes);
	}

	private static long now() {
		return System.currentTimeMillis();
	}

	@Override
	public void callStart(Call call) {
		this.fetchStart = now();
	}

	@Override
	public void dnsStart(Call call, String domainName) {
		this.domainLookupStart = now();
	}

	@Override
	public void dnsEnd(Call call, String domainName, List<InetAddress> addresses) {
		this.domainLookupEnd = now();
	}

	@Override
	public void connectStart(Call call, InetSocketAddress address, Proxy proxy) {
		this.connectStart = now();
		this.connectedThisHop = true;
	}

	@Override
	public void secureConnectStart(Call call) {
		this.sslStart = now();
	}

	@Override
	public void secureConnectEnd(Call call, Handshake handshake) {
		this.sslEnd = now();
	}

	@Override
	public void connectEnd(Call call, InetSocketAddress address, Proxy proxy, Protocol protocol) {
		this.connectEnd = now();
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
		this.requestEnd = now();
		this.sentBytes += request.headers().byteCount();
	}

	@Override
	public void requestBodyEnd(Call call, long byteCount) {
		this.requestEnd = now();
		this.sentBytes += byteCount;
	}

	@Override
	public void responseHeadersStart(Call call) {
		this.responseStart = now();
	}

	@Override
	public void responseHeadersEnd(Call call, Response response) {
		this.receivedBytes += response.headers().byteCount();
	}

	@Override
	public void responseBodyEnd(Call call, long byteCount) {
		this.responseEnd = now();
		this.receivedBytes += byteCount;
	}

	@Override
	public void followUpDecision(Call call, Response networkResponse, Request nextRequest) {
		if (nextRequest != null) {
			if (this.redirectStart == 0) {
				this.redirectStart = this.fetchStart;
			}
			this.redirectEnd = now();
		}
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
