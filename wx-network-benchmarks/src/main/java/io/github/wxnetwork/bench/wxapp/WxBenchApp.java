package io.github.wxnetwork.bench.wxapp;

import java.util.LinkedHashMap;
import java.util.Map;

import io.github.wxnetwork.bench.Config;
import io.github.wxnetwork.bench.Tls;

import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The smallest application that uses wx-network: its beans are exactly what the auto-configuration gives
 * an application (one OkHttpClient, the engine, the bulkhead limiter, the templates), so the rows
 * measure what users get.
 */
@SpringBootApplication
public class WxBenchApp {

	/** Starts a non-web context of {@code application} with the benchmark's settings plus {@code extra}. */
	public static ConfigurableApplicationContext start(Class<?> application, Map<String, Object> extra,
			Class<?>... moreSources) {
		Map<String, Object> properties = new LinkedHashMap<>();
		// The benchmark's file is exactly 50 MiB; the default cap (50MB = 50 MiB) would be tested at its edge.
		properties.put("wx.network.download.max-file-size", "64MB");
		properties.put("wx.network.temp-dir", Config.workDir().resolve("wx-temp").toString());
		properties.put("spring.main.lazy-initialization", "false");
		// The HTTPS rows (issue 18): the suite's certificate as an SSL bundle, h2 allowed or not; none for plain HTTP.
		properties.putAll(Tls.wxProperties());
		properties.putAll(extra);
		return new SpringApplicationBuilder(application).sources(moreSources)
			.web(WebApplicationType.NONE)
			.bannerMode(Banner.Mode.OFF)
			.logStartupInfo(false)
			.properties(properties)
			.run();
	}

	public static ConfigurableApplicationContext start() {
		return start(WxBenchApp.class, Map.of());
	}

}
