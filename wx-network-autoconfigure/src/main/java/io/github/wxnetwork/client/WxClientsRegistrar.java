package io.github.wxnetwork.client;

import java.util.ArrayList;
import java.util.List;

import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.annotation.AnnotationAttributes;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;
import org.springframework.core.type.AnnotationMetadata;
import org.springframework.util.ClassUtils;
import org.springframework.util.StringUtils;

/**
 * Registers the clients that {@link EnableWxClients} names: its packages, the packages of its
 * classes, its clients; with no attribute at all, the package of the annotated class.
 */
final class WxClientsRegistrar implements ImportBeanDefinitionRegistrar {

	private final Environment environment;

	private final ResourceLoader resourceLoader;

	/** Called by Spring's import machinery, which passes an import registrar these by its constructor. */
	WxClientsRegistrar(Environment environment, ResourceLoader resourceLoader) {
		this.environment = environment;
		this.resourceLoader = resourceLoader;
	}

	@Override
	public void registerBeanDefinitions(AnnotationMetadata metadata,
			BeanDefinitionRegistry registry) {
		AnnotationAttributes attributes = AnnotationAttributes
			.fromMap(metadata.getAnnotationAttributes(EnableWxClients.class.getName(), true));
		if (attributes == null) {
			return;
		}
		List<String> packages = new ArrayList<>();
		for (String basePackage : attributes.getStringArray("basePackages")) {
			if (StringUtils.hasText(basePackage)) {
				packages.add(this.environment.resolveRequiredPlaceholders(basePackage.trim()));
			}
		}
		for (String className : attributes.getStringArray("basePackageClasses")) {
			packages.add(ClassUtils.getPackageName(className));
		}
		String[] clients = attributes.getStringArray("clients");
		if (packages.isEmpty() && clients.length == 0) {
			packages.add(ClassUtils.getPackageName(metadata.getClassName()));
		}
		WxClientRegistrations registrations = new WxClientRegistrations(registry, this.environment, this.resourceLoader);
		registrations.scan(packages);
		for (String client : clients) {
			try {
				registrations.register(ClassUtils.forName(client, this.resourceLoader.getClassLoader()));
			}
			catch (ClassNotFoundException ex) {
				throw new IllegalStateException("Cannot load @WxClient " + client, ex);
			}
		}
	}

}
