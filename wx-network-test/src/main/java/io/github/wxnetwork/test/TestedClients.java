package io.github.wxnetwork.test;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.github.wxnetwork.client.WxClient;
import io.github.wxnetwork.client.WxClientRegistrations;
import okhttp3.Interceptor;

import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.test.context.TestContextAnnotationUtils;
import org.springframework.util.ClassUtils;

/**
 * The {@code @WxClient} interfaces a {@link WxClientTest} tests: the ones it names, else every one in the
 * test's package and below (found once per test class: the filter and the context customizer both ask).
 *
 * @param types the client interfaces, in the order named or found
 */
record TestedClients(Set<Class<?>> types) {

	private static final Map<Class<?>, TestedClients> found = new ConcurrentHashMap<>();

	/** The clients of a test class; none when it is not a {@link WxClientTest}. */
	static TestedClients of(Class<?> testClass) {
		return found.computeIfAbsent(testClass, TestedClients::find);
	}

	private static TestedClients find(Class<?> testClass) {
		WxClientTest test = TestContextAnnotationUtils.findMergedAnnotation(testClass, WxClientTest.class);
		if (test == null) {
			return new TestedClients(Set.of());
		}
		if (test.clients().length > 0) {
			for (Class<?> type : test.clients()) {
				if (!type.isInterface() || !type.isAnnotationPresent(WxClient.class)) {
					throw new IllegalStateException("@WxClientTest on " + testClass.getName() + " names "
							+ type.getName() + ", which is not an interface annotated @WxClient");
				}
			}
			return new TestedClients(new LinkedHashSet<>(Arrays.asList(test.clients())));
		}
		return new TestedClients(WxClientRegistrations.find(List.of(ClassUtils.getPackageName(testClass)),
				new StandardEnvironment(), new DefaultResourceLoader(testClass.getClassLoader())));
	}

	/** The components the clients name and cannot work without: their fallbacks and interceptors. */
	Set<Class<?>> components() {
		Set<Class<?>> components = new LinkedHashSet<>();
		for (Class<?> type : this.types) {
			WxClient client = AnnotatedElementUtils.findMergedAnnotation(type, WxClient.class);
			if (client.fallback() != void.class) {
				components.add(client.fallback());
			}
			for (Class<? extends Interceptor> interceptor : client.interceptors()) {
				components.add(interceptor);
			}
		}
		return components;
	}

}
