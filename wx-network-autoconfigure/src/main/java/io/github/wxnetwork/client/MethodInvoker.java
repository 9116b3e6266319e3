package io.github.wxnetwork.client;

/** What a client method does when called; one per method, built at start-up. */
@FunctionalInterface
interface MethodInvoker {

	/**
	 * @param proxy the client proxy
	 * @param args the arguments, or null for none
	 */
	Object invoke(Object proxy, Object[] args) throws Throwable;

}
