package io.github.wxnetwork.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The IDE metadata that spring-boot-configuration-processor generates for {@code wx.network.*}: every
 * property present and documented.
 */
class WxNetworkConfigurationMetadataTests {

	private static final String METADATA = "META-INF/spring-configuration-metadata.json";

	private static final String[] EXPECTED_PROPERTIES = { "wx.network.max-concurrent-tasks",
			"wx.network.max-queue-wait", "wx.network.temp-dir", "wx.network.user-data-dir",
			"wx.network.allowed-domains", "wx.network.require-https", "wx.network.request.timeout",
			"wx.network.upload.timeout", "wx.network.download.timeout", "wx.network.download.max-file-size",
			"wx.network.retry.max-attempts", "wx.network.retry.wait", "wx.network.retry.multiplier",
			"wx.network.retry.max-wait", "wx.network.retry.statuses", "wx.network.retry.methods",
			"wx.network.clients.*.retry.max-attempts", "wx.network.clients.*.circuit-breaker.enabled",
			"wx.network.ssl.bundle", "wx.network.proxy", "wx.network.clients.*.ssl.bundle", "wx.network.clients.*.proxy" };

	/** Every wx.network property found in any metadata file on the classpath, by name. */
	private static Map<String, JsonNode> properties;

	@BeforeAll
	static void loadMetadata() throws IOException {
		JsonMapper mapper = JsonMapper.builder().build();
		Map<String, JsonNode> found = new LinkedHashMap<>();
		for (URL url : Collections.list(WxNetworkConfigurationMetadataTests.class.getClassLoader().getResources(METADATA))) {
			try (InputStream in = url.openStream()) {
				JsonNode root = mapper.readTree(in);
				for (JsonNode property : root.path("properties")) {
					String name = property.path("name").asString("");
					if (name.startsWith("wx.network.")) {
						found.put(name, property);
					}
				}
			}
		}
		properties = found;
	}

	@Test
	void whenMetadataIsGeneratedThenEveryExpectedPropertyIsPresent() {
		assertThat(properties).containsKeys(EXPECTED_PROPERTIES);
	}

	@Test
	void whenMetadataIsGeneratedThenEveryWxNetworkPropertyHasADescription() {
		assertThat(properties).isNotEmpty();
		assertThat(properties).allSatisfy((name, property) -> assertThat(property.path("description").asString(""))
			.as("description of %s", name)
			.isNotBlank());
	}

	@Test
	void whenMetadataIsGeneratedThenTypesAndDefaultsMatchTheContract() {
		assertThat(properties.get("wx.network.download.max-file-size").path("type").asString(""))
			.isEqualTo("org.springframework.util.unit.DataSize");
		assertThat(properties.get("wx.network.download.max-file-size").path("defaultValue").asString(""))
			.isEqualTo("50MB");
		assertThat(properties.get("wx.network.max-queue-wait").path("type").asString(""))
			.isEqualTo("java.time.Duration");
		assertThat(properties.get("wx.network.max-queue-wait").path("defaultValue").asString("")).isEqualTo("60s");
		for (String kind : new String[] { "request", "upload", "download" }) {
			assertThat(properties.get("wx.network." + kind + ".timeout").path("defaultValue").asString(""))
				.as("default of wx.network.%s.timeout", kind)
				.isEqualTo("60s");
		}
		assertThat(properties.get("wx.network.max-concurrent-tasks").path("defaultValue").asInt(-1)).isEqualTo(10);
		assertThat(properties.get("wx.network.allowed-domains").path("type").asString(""))
			.isEqualTo("java.util.List<java.lang.String>");
	}

}
