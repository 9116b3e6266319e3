package io.github.wxnetwork.bench;

import java.time.Duration;

import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import tools.jackson.databind.json.JsonMapper;

/**
 * The floor: OkHttp 5 {@code execute()} on the caller's thread, the body read as a String and parsed with
 * Jackson 3, as wx-network's own decoding does, on a client configured like wx-network's (no OkHttp timeouts).
 * For the HTTPS rows it trusts the suite's certificate and offers HTTP/1.1 or h2 ({@link Tls}).
 */
public final class OkHttpGet implements GetClient {

	private final OkHttpClient client = Tls.apply(new OkHttpClient.Builder().connectTimeout(Duration.ZERO)
		.readTimeout(Duration.ZERO)
		.writeTimeout(Duration.ZERO)).build();

	private final JsonMapper mapper = JsonMapper.shared();

	private final String url = Config.jsonUrl();

	@Override
	public Object call() throws Exception {
		Request request = new Request.Builder().url(this.url).build();
		try (Response response = this.client.newCall(request).execute()) {
			return this.mapper.readValue(response.body().string(), Object.class);
		}
	}

	@Override
	public String protocol() throws Exception {
		try (Response response = this.client.newCall(new Request.Builder().url(this.url).build()).execute()) {
			return response.protocol().toString();
		}
	}

	@Override
	public void close() {
		this.client.dispatcher().executorService().shutdown();
		this.client.connectionPool().evictAll();
	}

}
