package io.github.wxnetwork.engine;

/**
 * A wx-network template that can be had for one {@code @WxClient}: with the client's own retry policy,
 * transport, logging and name ({@link TaskRoute}), sharing everything else.
 *
 * @param <T> the template's own type
 */
public interface ClientTemplate<T> {

	/** How this template's tasks go. */
	TaskRoute route();

	/** This template with {@code route} instead of its own. */
	T withRoute(TaskRoute route);

	/**
	 * This template for one client method: its tasks tagged with the method's URI template, and run on the
	 * calling thread when the method blocks until the task ends ({@link TaskRoute#callerWaits()}).
	 */
	default T forMethod(String uriTemplate, boolean callerWaits) {
		return withRoute(route().withUriTemplate(uriTemplate).withCallerWaiting(callerWaits));
	}

}
