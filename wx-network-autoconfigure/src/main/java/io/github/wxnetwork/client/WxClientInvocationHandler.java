package io.github.wxnetwork.client;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.Map;

/** The proxy's dispatch: one map look-up, then the method's own invoker. */
final class WxClientInvocationHandler implements InvocationHandler {

	private final Map<Method, MethodInvoker> invokers;

	WxClientInvocationHandler(Map<Method, MethodInvoker> invokers) {
		this.invokers = new HashMap<>(invokers);
	}

	@Override
	public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
		MethodInvoker invoker = this.invokers.get(method);
		if (invoker == null) {
			throw new IllegalStateException("No invoker for " + method);
		}
		return invoker.invoke(proxy, args);
	}

}
