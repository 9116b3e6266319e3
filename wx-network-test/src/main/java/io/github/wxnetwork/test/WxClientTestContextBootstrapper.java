package io.github.wxnetwork.test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.springframework.boot.test.autoconfigure.TestSliceTestContextBootstrapper;

/**
 * Bootstraps {@link WxClientTest}: its {@code properties}, and no web application unless the test asks for
 * one, so that Spring MVC on the classpath makes no servlet context.
 */
class WxClientTestContextBootstrapper extends TestSliceTestContextBootstrapper<WxClientTest> {

	static final String WEB_APPLICATION_TYPE = "spring.main.web-application-type";

	@Override
	protected String[] getProperties(Class<?> testClass) {
		String[] declared = super.getProperties(testClass);
		List<String> properties = new ArrayList<>();
		if (declared == null
				|| Arrays.stream(declared).noneMatch((property) -> property.startsWith(WEB_APPLICATION_TYPE))) {
			properties.add(WEB_APPLICATION_TYPE + "=none");
		}
		if (declared != null) {
			properties.addAll(Arrays.asList(declared));
		}
		return properties.toArray(String[]::new);
	}

}
