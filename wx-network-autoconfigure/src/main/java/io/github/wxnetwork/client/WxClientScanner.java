package io.github.wxnetwork.client;

import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;
import org.springframework.core.type.filter.AnnotationTypeFilter;

/**
 * Finds types annotated {@link WxClient}. Spring's component scan skips interfaces, which are all a
 * client is, so the candidate test is replaced. Classes carrying the annotation are found too, so that
 * registration can refuse them with a clear message instead of ignoring them.
 */
final class WxClientScanner extends ClassPathScanningCandidateComponentProvider {

	WxClientScanner(Environment environment, ResourceLoader resourceLoader) {
		super(false, environment);
		setResourceLoader(resourceLoader);
		addIncludeFilter(new AnnotationTypeFilter(WxClient.class));
	}

	@Override
	protected boolean isCandidateComponent(AnnotatedBeanDefinition beanDefinition) {
		return beanDefinition.getMetadata().isIndependent() && !beanDefinition.getMetadata().isAnnotation();
	}

}
