package io.github.wxnetwork.test;

import java.util.Set;

import io.github.wxnetwork.client.WxClientFactoryBean;
import io.github.wxnetwork.client.WxClientRegistrations;

import org.springframework.beans.factory.FactoryBean;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;

/**
 * Leaves a {@link WxClientTest}'s context with its tested clients only: removes every other {@code @WxClient}
 * definition, however it was registered (the automatic scan, {@code @EnableWxClients}), and registers a
 * tested client nothing registered (one outside the application's packages, say). A bean definition rather
 * than a post-processor added to the context, so that it runs after the configuration classes have been read.
 */
final class TestedClientsPostProcessor implements BeanDefinitionRegistryPostProcessor {

	private final Set<Class<?>> clients;

	private final Environment environment;

	private final ResourceLoader resourceLoader;

	TestedClientsPostProcessor(Set<Class<?>> clients, Environment environment, ResourceLoader resourceLoader) {
		this.clients = clients;
		this.environment = environment;
		this.resourceLoader = resourceLoader;
	}

	@Override
	public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) {
		for (String name : registry.getBeanDefinitionNames()) {
			BeanDefinition definition = registry.getBeanDefinition(name);
			if (WxClientFactoryBean.class.getName().equals(definition.getBeanClassName())
					&& !this.clients.contains(definition.getAttribute(FactoryBean.OBJECT_TYPE_ATTRIBUTE))) {
				registry.removeBeanDefinition(name);
			}
		}
		WxClientRegistrations registrations = new WxClientRegistrations(registry, this.environment,
				this.resourceLoader);
		this.clients.forEach(registrations::register);
	}

	@Override
	public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
	}

}
