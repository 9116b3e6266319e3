package io.github.wxnetwork.sample.relay;

import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.stereotype.Component;

/** The upstream's base URL: the configured one, else this app's own embedded upstream. */
@Component
public class Upstream {

	private final RelayProperties properties;

	private final WebServerApplicationContext context;

	public Upstream(RelayProperties properties, WebServerApplicationContext context) {
		this.properties = properties;
		this.context = context;
	}

	public String url(String path) {
		String base = this.properties.upstreamUrl();
		if (base == null || base.isBlank()) {
			base = "http://127.0.0.1:" + this.context.getWebServer().getPort() + "/upstream";
		}
		return base + path;
	}

}
