package io.github.wxnetwork.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * A small "media relay" built on wx-network: it fetches JSON, downloads and uploads files through the
 * WeChat-style templates. Its default upstream is embedded ({@code /upstream/**}), so it runs with no
 * network and no set-up; {@code upstream.url} points it elsewhere.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class SampleApplication {

	public static void main(String[] args) {
		SpringApplication.run(SampleApplication.class, args);
	}

}
