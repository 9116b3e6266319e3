package io.github.wxnetwork.client;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;

/**
 * Runs an interface's {@code default} method on the proxy, so that it can call the mapped methods. A
 * method handle found once at start-up is the fast way; where the interface's package is closed to us
 * (named modules), {@link InvocationHandler#invokeDefault} is the fallback.
 */
final class DefaultMethodInvoker implements MethodInvoker {

	private static final MethodType GENERIC = MethodType.methodType(Object.class, Object.class, Object[].class);

	private final Method method;

	private final MethodHandle handle;

	private DefaultMethodInvoker(Method method, MethodHandle handle) {
		this.method = method;
		this.handle = handle;
	}

	static DefaultMethodInvoker of(Method method) {
		return new DefaultMethodInvoker(method, handle(method));
	}

	private static MethodHandle handle(Method method) {
		Class<?> declaring = method.getDeclaringClass();
		try {
			MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(declaring, MethodHandles.lookup());
			return lookup.unreflectSpecial(method, declaring)
				.asSpreader(Object[].class, method.getParameterCount())
				.asType(GENERIC);
		}
		catch (IllegalAccessException | RuntimeException ex) {
			return null;
		}
	}

	@Override
	public Object invoke(Object proxy, Object[] args) throws Throwable {
		if (this.handle != null) {
			return (Object) this.handle.invokeExact(proxy, args);
		}
		return InvocationHandler.invokeDefault(proxy, this.method, args);
	}

}
