package io.github.wxnetwork.bench;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Type;
import java.net.http.HttpClient;

import feign.Feign;
import feign.RequestLine;
import feign.Response;
import feign.codec.Decoder;
import feign.http2client.Http2Client;
import tools.jackson.databind.json.JsonMapper;

/**
 * OpenFeign ({@code feign-core} + {@code feign-java11}'s {@code Http2Client}, HTTP/1.1). Feign's own
 * {@code feign-jackson3} does not resolve here, so its decoder is the three lines Feign's Jackson decoders
 * are: Jackson 3 reading the body stream.
 */
public final class FeignGet implements GetClient {

	interface JsonApi {

		@RequestLine("GET /json")
		Object json();

	}

	private final JsonApi api = Feign.builder()
		.client(new Http2Client(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()))
		.decoder(new Jackson3Decoder(JsonMapper.shared()))
		.target(JsonApi.class, Config.base());

	@Override
	public Object call() {
		return this.api.json();
	}

	static final class Jackson3Decoder implements Decoder {

		private final JsonMapper mapper;

		Jackson3Decoder(JsonMapper mapper) {
			this.mapper = mapper;
		}

		@Override
		public Object decode(Response response, Type type) throws IOException {
			if (response.body() == null) {
				return null;
			}
			try (InputStream body = response.body().asInputStream()) {
				return this.mapper.readValue(body, this.mapper.constructType(type));
			}
		}

	}

}
