package io.github.wxnetwork.sample.signing;

import java.io.IOException;

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

	public UpstreamSigner(RequestSignature signature) {
		this.signature = signature;
	}

	@Override
	public Response intercept(Chain chain) throws IOException {
		Request request = chain.request();
		Buffer body = new Buffer();
		if (request.body() != null) {
			request.body().writeTo(body);
		}
		String timestamp = String.valueOf(System.currentTimeMillis());
		String pathAndQuery = RequestSignature.target(request.url().encodedPath(), request.url().encodedQuery());
		return chain.proceed(request.newBuilder()
			.header(RequestSignature.TIMESTAMP, timestamp)
			.header(RequestSignature.SIGNATURE,
					this.signature.sign(request.method(), pathAndQuery, timestamp, body.readByteArray()))
			.build());
	}

}
