package io.github.wxnetwork.autoconfigure;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Binding of {@code wx.network.*} onto {@link WxNetworkProperties}, and the defaults of API.md section 6.
 */
class WxNetworkPropertiesTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WxNetworkAutoConfiguration.class));

	@Test
	void whenNothingIsSetThenDefaultsAreThoseOfTheContract() {
		this.contextRunner.run((context) -> {
			WxNetworkProperties properties = context.getBean(WxNetworkProperties.class);
			assertThat(properties.getMaxConcurrentTasks()).isEqualTo(10);
			assertThat(properties.getMaxQueueWait()).isEqualTo(Duration.ofSeconds(60));
			assertThat(properties.getTempDir()).isEqualTo(Path.of(System.getProperty("java.io.tmpdir"), "wx-network"));
			assertThat(properties.getUserDataDir()).isNull();
			assertThat(properties.getAllowedDomains()).isEmpty();
			assertThat(properties.isRequireHttps()).isFalse();
			assertThat(properties.getRequest().getTimeout()).isEqualTo(Duration.ofSeconds(60));
			assertThat(properties.getUpload().getTimeout()).isEqualTo(Duration.ofSeconds(60));
			assertThat(properties.getDownload().getTimeout()).isEqualTo(Duration.ofSeconds(60));
			assertThat(properties.getDownload().getMaxFileSize()).isEqualTo(DataSize.ofMegabytes(50));
			assertThat(properties.getDownload().getMaxFileSize().toBytes()).isEqualTo(50L * 1024 * 1024);
		});
	}

	@Test
	void whenEveryPropertyIsSetThenEveryOneBinds() {
		this.contextRunner
			.withPropertyValues("wx.network.max-concurrent-tasks=3", "wx.network.max-queue-wait=1500ms",
					"wx.network.temp-dir=/var/tmp/wx-test", "wx.network.user-data-dir=/srv/wx-data",
					"wx.network.allowed-domains=api.example.com,*.cdn.example.com", "wx.network.require-https=true",
					"wx.network.request.timeout=5s", "wx.network.upload.timeout=2m",
					"wx.network.download.timeout=90s", "wx.network.download.max-file-size=10MB")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				WxNetworkProperties properties = context.getBean(WxNetworkProperties.class);
				assertThat(properties.getMaxConcurrentTasks()).isEqualTo(3);
				assertThat(properties.getMaxQueueWait()).isEqualTo(Duration.ofMillis(1500));
				assertThat(properties.getTempDir()).isEqualTo(Path.of("/var/tmp/wx-test"));
				assertThat(properties.getUserDataDir()).isEqualTo(Path.of("/srv/wx-data"));
				assertThat(properties.getAllowedDomains()).containsExactly("api.example.com", "*.cdn.example.com");
				assertThat(properties.isRequireHttps()).isTrue();
				assertThat(properties.getRequest().getTimeout()).isEqualTo(Duration.ofSeconds(5));
				assertThat(properties.getUpload().getTimeout()).isEqualTo(Duration.ofMinutes(2));
				assertThat(properties.getDownload().getTimeout()).isEqualTo(Duration.ofSeconds(90));
				assertThat(properties.getDownload().getMaxFileSize()).isEqualTo(DataSize.ofMegabytes(10));
				assertThat(properties.getDownload().getMaxFileSize().toBytes()).isEqualTo(10L * 1024 * 1024);
			});
	}

	@Test
	void whenAllowedDomainsAreGivenAsIndexedYamlListThenTheyBind() {
		this.contextRunner
			.withPropertyValues("wx.network.allowed-domains[0]=a.example.com",
					"wx.network.allowed-domains[1]=b.example.com")
			.run((context) -> assertThat(context.getBean(WxNetworkProperties.class).getAllowedDomains())
				.containsExactly("a.example.com", "b.example.com"));
	}

	@Test
	void whenPropertiesUseRelaxedNamesThenTheyBind() {
		this.contextRunner
			.withPropertyValues("wx.network.maxConcurrentTasks=7", "wx.network.download.max_file_size=1GB",
					"wx.network.request.timeout=250")
			.run((context) -> {
				WxNetworkProperties properties = context.getBean(WxNetworkProperties.class);
				assertThat(properties.getMaxConcurrentTasks()).isEqualTo(7);
				assertThat(properties.getDownload().getMaxFileSize()).isEqualTo(DataSize.ofGigabytes(1));
				// A bare number is milliseconds, as everywhere in Spring Boot.
				assertThat(properties.getRequest().getTimeout()).isEqualTo(Duration.ofMillis(250));
			});
	}

	@Test
	void whenAPropertyHasAnInvalidValueThenTheContextFailsNamingIt() {
		this.contextRunner.withPropertyValues("wx.network.download.max-file-size=lots").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("lots");
			assertThat(context.getStartupFailure()).hasStackTraceContaining("wx.network.download.max-file-size");
		});
	}

}
