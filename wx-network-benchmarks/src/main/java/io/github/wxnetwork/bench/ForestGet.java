package io.github.wxnetwork.bench;

import com.dtflys.forest.annotation.Get;
import com.dtflys.forest.config.ForestConfiguration;
import tools.jackson.databind.json.JsonMapper;

/**
 * Forest 1.8 (declarative interface, its default OkHttp 3 backend), the body as a String parsed with
 * Jackson 3. Runs only in its own JVM, with OkHttp 3.14 in place of OkHttp 5 on the class path.
 */
public final class ForestGet implements GetClient {

	public interface JsonApi {

		@Get("${benchBase}/json")
		String json();

	}

	private final JsonApi api;

	private final JsonMapper mapper = JsonMapper.shared();

	public ForestGet() {
		ForestConfiguration configuration = ForestConfiguration.createConfiguration();
		configuration.setBackendName("okhttp3");
		configuration.setLogEnabled(false);
		configuration.setMaxConnections(64);
		configuration.setMaxRouteConnections(64);
		configuration.setVariableValue("benchBase", Config.base());
		this.api = configuration.createInstance(JsonApi.class);
	}

	@Override
	public Object call() throws Exception {
		return this.mapper.readValue(this.api.json(), Object.class);
	}

}
