package io.github.wxnetwork.autoconfigure;

import io.github.wxnetwork.client.AutoConfiguredWxClientsRegistrar;
import io.github.wxnetwork.client.EnableWxClients;
import io.github.wxnetwork.client.WxClient;
import io.github.wxnetwork.client.WxClientProperties;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * Auto-configuration of {@link WxClient} interfaces: binds {@code wx.network.clients.*} and, unless the
 * application says where its clients are with {@link EnableWxClients}, registers the clients under the
 * {@code @SpringBootApplication} package, as Spring Boot does for Spring Data repositories. Runs after
 * {@link WxNetworkAutoConfiguration}, whose templates the clients call.
 */
@AutoConfiguration(after = WxNetworkAutoConfiguration.class)
@ConditionalOnClass(name = "org.springframework.web.service.annotation.HttpExchange")
@EnableConfigurationProperties(WxClientProperties.class)
public final class WxClientsAutoConfiguration {

	/** The automatic scan; backs off when a bean carries {@link EnableWxClients}. */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnMissingBean(annotation = EnableWxClients.class)
	@Import(AutoConfiguredWxClientsRegistrar.class)
	static class WxClientScanConfiguration {

	}

}
