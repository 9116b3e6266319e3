package io.github.wxnetwork.engine;

/**
 * A wx-network template that can be had for one {@code @WxClient}: with the client's own retry policy and
 * transport ({@link TaskRoute}), sharing everything else.
 *
 * @param <T> the template's own type
 */
public interface ClientTemplate<T> {

	/** This template with {@code route} instead of its own. */
	T withRoute(TaskRoute route);

}
