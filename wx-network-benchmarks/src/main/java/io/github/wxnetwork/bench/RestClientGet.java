package io.github.wxnetwork.bench;

import java.net.http.HttpClient;

import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/** Spring's {@code RestClient} on the JDK request factory, decoding with its Jackson 3 converter. */
public final class RestClientGet implements GetClient {

	private final RestClient client = RestClient.builder()
		.requestFactory(new JdkClientHttpRequestFactory(
				HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()))
		.build();

	private final String url = Config.jsonUrl();

	@Override
	public Object call() {
		return this.client.get().uri(this.url).retrieve().body(Object.class);
	}

}
