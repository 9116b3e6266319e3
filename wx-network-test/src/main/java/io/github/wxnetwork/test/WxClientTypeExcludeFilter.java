package io.github.wxnetwork.test;

import java.util.Set;

import tools.jackson.databind.JacksonModule;

import org.springframework.boot.jackson.JacksonComponent;
import org.springframework.boot.jackson.JacksonMixin;
import org.springframework.boot.test.context.filter.annotation.StandardAnnotationCustomizableTypeExcludeFilter;

/**
 * Which of the application's components a {@link WxClientTest} loads: by default the fallbacks and
 * interceptors its clients name, and Jackson's components, mix-ins and modules (the clients decode with the
 * application's {@code JsonMapper}); then the test's own include and exclude filters.
 */
final class WxClientTypeExcludeFilter extends StandardAnnotationCustomizableTypeExcludeFilter<WxClientTest> {

	private static final Set<Class<?>> JACKSON = Set.of(JacksonComponent.class, JacksonMixin.class,
			JacksonModule.class);

	private final Set<Class<?>> components;

	WxClientTypeExcludeFilter(Class<?> testClass) {
		super(testClass);
		this.components = TestedClients.of(testClass).components();
	}

	@Override
	protected Set<Class<?>> getKnownIncludes() {
		return JACKSON;
	}

	@Override
	protected Set<Class<?>> getComponentIncludes() {
		return this.components;
	}

}
