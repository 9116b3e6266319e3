package io.github.wxnetwork.client;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

import org.springframework.beans.factory.FactoryBean;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;
import org.springframework.util.ClassUtils;
import org.springframework.util.StringUtils;

/**
 * Turns packages and classes into one {@link WxClientFactoryBean} definition per interface: what the
 * automatic scan, {@link EnableWxClients} and the {@code @WxClientTest} slice of {@code wx-network-test}
 * share. Only definitions are registered here; nothing is instantiated, so the application's own bean
 * definitions may still come and go. Public for that test slice; applications use the annotations.
 */
public final class WxClientRegistrations {

	private final BeanDefinitionRegistry registry;

	private final Environment environment;

	private final ResourceLoader resourceLoader;

	public WxClientRegistrations(BeanDefinitionRegistry registry, Environment environment,
			ResourceLoader resourceLoader) {
		this.registry = registry;
		this.environment = environment;
		this.resourceLoader = resourceLoader;
	}

	/** Scans the packages and registers every {@link WxClient} found. */
	public void scan(Collection<String> basePackages) {
		find(basePackages, this.environment, this.resourceLoader).forEach(this::register);
	}

	/** The types annotated {@link WxClient} in the packages and below, in the order found; nothing is registered. */
	public static Set<Class<?>> find(Collection<String> basePackages, Environment environment,
			ResourceLoader resourceLoader) {
		WxClientScanner scanner = new WxClientScanner(environment, resourceLoader);
		Set<Class<?>> types = new LinkedHashSet<>();
		for (String basePackage : basePackages) {
			for (BeanDefinition candidate : scanner.findCandidateComponents(basePackage)) {
				types.add(load(candidate.getBeanClassName(), resourceLoader));
			}
		}
		return types;
	}

	/**
	 * The name of a client: {@code @WxClient(name)} or {@code @WxClient(value)}, else the interface's simple
	 * name with a lower-case first letter. The key of its {@code wx.network.clients.<name>.*} properties.
	 * @throws WxClientDefinitionException when the type is not annotated {@link WxClient}
	 */
	public static String clientName(Class<?> type) {
		// Merged: a plain getAnnotation ignores @AliasFor and would miss @WxClient("shop").
		WxClient annotation = AnnotatedElementUtils.findMergedAnnotation(type, WxClient.class);
		if (annotation == null) {
			throw new WxClientDefinitionException(type, "it is not annotated @WxClient");
		}
		return StringUtils.hasText(annotation.name()) ? annotation.name().trim()
				: StringUtils.uncapitalize(type.getSimpleName());
	}

	/**
	 * Registers one client. The bean is named after the interface's full name: client names are for
	 * properties and may be shared by several interfaces of one service.
	 */
	public void register(Class<?> type) {
		if (!type.isInterface() || type.isAnnotation()) {
			throw new WxClientDefinitionException(type, "@WxClient goes on an interface, and this is a class");
		}
		if (!type.isAnnotationPresent(WxClient.class)) {
			throw new WxClientDefinitionException(type,
					"it is listed in @EnableWxClients(clients) but not annotated @WxClient");
		}
		String beanName = type.getName();
		if (this.registry.containsBeanDefinition(beanName)) {
			return;
		}
		RootBeanDefinition definition = new RootBeanDefinition(WxClientFactoryBean.class);
		definition.getConstructorArgumentValues().addIndexedArgumentValue(0, type);
		// Lets type matching (autowiring, @ConditionalOnBean) see the client type without creating the bean.
		definition.setAttribute(FactoryBean.OBJECT_TYPE_ATTRIBUTE, type);
		definition.setResourceDescription("@WxClient " + type.getName());
		// @Lazy on the interface defers mapping (and placeholder resolution) to first use, e.g. for a url
		// that names ${local.server.port}, known only once the web server has started.
		definition.setLazyInit(type.isAnnotationPresent(Lazy.class));
		// A fallback bean implements the interface too: the client stays the one injected by type.
		definition.setPrimary(type.getAnnotation(WxClient.class).fallback() != void.class);
		this.registry.registerBeanDefinition(beanName, definition);
	}

	private static Class<?> load(String className, ResourceLoader resourceLoader) {
		try {
			return ClassUtils.forName(className, resourceLoader.getClassLoader());
		}
		catch (ClassNotFoundException | LinkageError ex) {
			throw new IllegalStateException("Cannot load @WxClient " + className, ex);
		}
	}

}
