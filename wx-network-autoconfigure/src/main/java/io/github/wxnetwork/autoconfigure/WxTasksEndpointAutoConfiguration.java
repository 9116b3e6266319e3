package io.github.wxnetwork.autoconfigure;

import io.github.wxnetwork.actuate.WxTasksEndpoint;
import io.github.wxnetwork.engine.TaskLauncher;

import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/** The {@code wxtasks} Actuator endpoint, registered like Boot's own: only when available and exposed. */
@AutoConfiguration(after = WxNetworkAutoConfiguration.class)
@ConditionalOnClass(Endpoint.class)
@ConditionalOnAvailableEndpoint(WxTasksEndpoint.class)
public final class WxTasksEndpointAutoConfiguration {

	@Bean
	@ConditionalOnBean(TaskLauncher.class)
	@ConditionalOnMissingBean
	WxTasksEndpoint wxTasksEndpoint(TaskLauncher launcher) {
		return new WxTasksEndpoint(launcher.registry(), launcher.limiter());
	}

}
