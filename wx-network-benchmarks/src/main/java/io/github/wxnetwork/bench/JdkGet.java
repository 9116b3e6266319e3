package io.github.wxnetwork.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import tools.jackson.databind.json.JsonMapper;

/** {@code java.net.http.HttpClient.send()} (HTTP/1.1), the body as a String parsed with Jackson 3. */
public final class JdkGet implements GetClient {

	private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	private final JsonMapper mapper = JsonMapper.shared();

	private final String url = Config.jsonUrl();

	@Override
	public Object call() throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create(this.url)).GET().build();
		HttpResponse<String> response = this.client.send(request, HttpResponse.BodyHandlers.ofString());
		return this.mapper.readValue(response.body(), Object.class);
	}

}
