package io.github.wxnetwork.client;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;

import org.springframework.util.ReflectionUtils;

/**
 * Maps every method of a client interface once, at start-up: abstract methods to exchanges, default
 * methods to their own code, and the {@code Object} methods to what Java users expect of a proxy
 * ({@code toString} names the client, {@code equals} and {@code hashCode} are identity). Methods are
 * taken in a fixed order, so the same broken interface always reports the same method.
 */
final class WxClientParser {

	private WxClientParser() {
	}

	static Map<Method, MethodInvoker> parse(ClientContext client) {
		String description = client.description();
		MethodInvoker toString = (proxy, args) -> description;
		MethodInvoker equals = (proxy, args) -> proxy == args[0];
		MethodInvoker hashCode = (proxy, args) -> System.identityHashCode(proxy);
		Map<Method, MethodInvoker> invokers = new HashMap<>();
		invokers.put(objectMethod("toString"), toString);
		invokers.put(objectMethod("equals", Object.class), equals);
		invokers.put(objectMethod("hashCode"), hashCode);
		Method[] methods = client.type().getMethods();
		Arrays.sort(methods, Comparator.comparing(Method::toGenericString));
		for (Method method : methods) {
			if (Modifier.isStatic(method.getModifiers())) {
				continue;
			}
			if (ReflectionUtils.isToStringMethod(method)) {
				invokers.put(method, toString);
			}
			else if (ReflectionUtils.isEqualsMethod(method)) {
				invokers.put(method, equals);
			}
			else if (ReflectionUtils.isHashCodeMethod(method)) {
				invokers.put(method, hashCode);
			}
			else if (method.isDefault()) {
				invokers.put(method, DefaultMethodInvoker.of(method));
			}
			else {
				invokers.put(method, new ExchangeMethodParser(client, method).parse());
			}
		}
		return invokers;
	}

	private static Method objectMethod(String name, Class<?>... parameterTypes) {
		try {
			return Object.class.getMethod(name, parameterTypes);
		}
		catch (NoSuchMethodException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
