package io.github.wxnetwork.client;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.Map;

import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;

import org.springframework.aop.ProxyMethodInvocation;
import org.springframework.util.ReflectionUtils;

/**
 * The proxy's methods that are not HTTP calls: {@code toString} names the client, and {@code default}
 * methods run their own code. Spring's proxy calls default methods with
 * {@code InvocationHandler.invokeDefault}, which cannot reach an interface that is not public (as client
 * interfaces often are); a method handle looked up privately in the interface can.
 */
final class ProxyMethods implements MethodInterceptor {

	private static final MethodType GENERIC = MethodType.methodType(Object.class, Object.class, Object[].class);

	private final String description;

	private final Map<Method, MethodHandle> defaults = new HashMap<>();

	ProxyMethods(Class<?> type, String description) {
		this.description = description;
		for (Method method : type.getMethods()) {
			if (method.isDefault()) {
				this.defaults.put(method, handle(method));
			}
		}
	}

	@Override
	public Object invoke(MethodInvocation invocation) throws Throwable {
		Method method = invocation.getMethod();
		MethodHandle handle = this.defaults.get(method);
		if (handle != null && invocation instanceof ProxyMethodInvocation proxied) {
			return (Object) handle.invokeExact(proxied.getProxy(), invocation.getArguments());
		}
		return ReflectionUtils.isToStringMethod(method) ? this.description : invocation.proceed();
	}

	private static MethodHandle handle(Method method) {
		Class<?> declaring = method.getDeclaringClass();
		try {
			return MethodHandles.privateLookupIn(declaring, MethodHandles.lookup())
				.unreflectSpecial(method, declaring)
				.asSpreader(Object[].class, method.getParameterCount())
				.asType(GENERIC);
		}
		catch (IllegalAccessException ex) {
			throw new WxClientDefinitionException(declaring, method, "its default method cannot be called: " + ex);
		}
	}

}
