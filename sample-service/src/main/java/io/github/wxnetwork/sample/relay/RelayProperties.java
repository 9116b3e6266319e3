package io.github.wxnetwork.sample.relay;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the relay fetches from and stores to.
 *
 * @param upstreamUrl base URL of the upstream; empty means the upstream embedded in this app
 * @param storageDir where downloaded files are kept (and uploads read from)
 */
@ConfigurationProperties("relay")
public record RelayProperties(String upstreamUrl, Path storageDir) {

	public RelayProperties {
		if (storageDir == null) {
			storageDir = Path.of(System.getProperty("java.io.tmpdir"), "wx-relay-storage");
		}
	}

}
