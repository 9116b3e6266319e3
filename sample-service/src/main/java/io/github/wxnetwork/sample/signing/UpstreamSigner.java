package io.github.wxnetwork.sample.signing;

import java.io.IOException;
import java.time.Clock;

import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;
import okio.Buffer;

import org.springframework.stereotype.Component;

/**
 * Signs every call of the catalog client ({@code @WxClient(interceptors = UpstreamSigner.class)}): an OkHttp
 * interceptor that sees the call as it is sent, its final URL, headers and body. The body is copied into a
 * buffer, which leaves it whole for the network (wx-network's bodies can be written again).
 */
@Component
public class UpstreamSigner implements Interceptor {

	private final RequestSignature signature;

	private final Clock clock;

	public UpstreamSigner(RequestSignature signature) {
		this.signature = signature;
		this.clock = Clock.systemUTC();
	}

	@Override
	public Response intercept(Chain chain) throws IOException {
		Request request = chain.request();
		Buffer body = new Buffer();
		if (request.body() != null) {
			request.body().writeTo(body);
		}
		String timestamp = String.valueOf(this.clock.millis());
		String pathAndQuery = request.url().encodedPath()
				+ ((request.url().encodedQuery() != null) ? "?" + request.url().encodedQuery() : "");
		return chain.proceed(request.newBuilder()
			.header(RequestSignature.TIMESTAMP, timestamp)
			.header(RequestSignature.SIGNATURE,
					this.signature.sign(request.method(), pathAndQuery, timestamp, body.readByteArray()))
			.build());
	}

}
