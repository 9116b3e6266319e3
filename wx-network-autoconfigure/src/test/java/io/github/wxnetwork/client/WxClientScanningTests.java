package io.github.wxnetwork.client;

import io.github.wxnetwork.autoconfigure.WxNetworkAutoConfiguration;
import io.github.wxnetwork.client.scan.app.AppClient;
import io.github.wxnetwork.client.scan.app.AppService;
import io.github.wxnetwork.client.scan.app.ScanApp;
import io.github.wxnetwork.client.scan.app.sub.SubClient;
import io.github.wxnetwork.client.scan.explicit.ExplicitClient;
import io.github.wxnetwork.client.scan.explicit.ExplicitConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * How clients are found: under the application's auto-configuration package without set-up (as Spring
 * Data repositories are), or where {@link EnableWxClients} says, which switches the automatic scan off.
 */
class WxClientScanningTests extends WxClientTestSupport {

	@Configuration(proxyBeanMethods = false)
	@EnableWxClients("io.github.wxnetwork.client.scan.explicit")
	static class ExplicitPackages {

	}

	@Configuration(proxyBeanMethods = false)
	@EnableWxClients(basePackageClasses = AppClient.class)
	static class AppPackageByClass {

	}

	@Configuration(proxyBeanMethods = false)
	@EnableWxClients(clients = SubClient.class)
	static class OnlySubClient {

	}

	@Configuration(proxyBeanMethods = false)
	static class ServiceConfig {

		@Bean
		AppService appService(AppClient client) {
			return new AppService(client);
		}

	}

	@BeforeEach
	void stub() {
		server.stubFor(any(anyUrl()).willReturn(aResponse().withBody("hi")));
	}

	@Test
	void withoutEnableWxClientsTheApplicationPackageAndItsSubPackagesAreScanned() {
		runner().withUserConfiguration(ScanApp.class).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).hasSingleBean(AppClient.class).hasSingleBean(SubClient.class);
			assertThat(context).doesNotHaveBean(ExplicitClient.class);
		});
	}

	@Test
	void withoutAnApplicationPackageNothingIsScanned() {
		runner().run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).doesNotHaveBean(AppClient.class);
			assertThat(context).hasSingleBean(WxClientProperties.class);
		});
	}

	@Test
	void enableWxClientsSwitchesTheAutomaticScanOff() {
		runner().withUserConfiguration(ScanApp.class, ExplicitPackages.class).run((context) -> {
			assertThat(context).hasSingleBean(ExplicitClient.class);
			assertThat(context).doesNotHaveBean(AppClient.class).doesNotHaveBean(SubClient.class);
		});
	}

	@Test
	void enableWxClientsWithoutAttributesScansItsOwnPackage() {
		runner().withUserConfiguration(ExplicitConfig.class).run((context) -> {
			assertThat(context).hasSingleBean(ExplicitClient.class);
			assertThat(context.getBean(ExplicitClient.class).hello()).isEqualTo("hi");
		});
	}

	@Test
	void basePackageClassesScansTheirPackages() {
		runner().withUserConfiguration(AppPackageByClass.class).run((context) -> {
			assertThat(context).hasSingleBean(AppClient.class).hasSingleBean(SubClient.class);
			assertThat(context).doesNotHaveBean(ExplicitClient.class);
		});
	}

	@Test
	void clientsRegistersExactlyThoseInterfaces() {
		runner().withUserConfiguration(ScanApp.class, OnlySubClient.class).run((context) -> {
			assertThat(context).hasSingleBean(SubClient.class);
			assertThat(context).doesNotHaveBean(AppClient.class);
		});
	}

	@Test
	void clientsAreInjectedByTypeAndNamedAfterTheInterface() {
		runner().withUserConfiguration(ScanApp.class, ServiceConfig.class).run((context) -> {
			assertThat(context.getBean(AppService.class).greet()).isEqualTo("client says hi");
			assertThat(context.getBeanNamesForType(AppClient.class)).containsExactly(AppClient.class.getName());
			assertThat(onlyRequest().getUrl()).isEqualTo("/app");
		});
	}

	@Test
	void enableWxClientsWorksWithoutTheClientsAutoConfiguration() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, WxNetworkAutoConfiguration.class))
			.withUserConfiguration(ExplicitConfig.class)
			.withPropertyValues("test.url=http://127.0.0.1:9", "wx.network.clients.explicit.url=" + server.baseUrl() + "/bound")
			.run((context) -> {
				assertThat(context).doesNotHaveBean(WxClientProperties.class);
				assertThat(context.getBean(ExplicitClient.class).hello()).isEqualTo("hi");
				assertThat(onlyRequest().getUrl()).isEqualTo("/bound/explicit");
			});
	}

}
