package io.github.wxnetwork.client;

/** What one annotated parameter adds to a call; made once per parameter at start-up. */
@FunctionalInterface
interface ArgumentBinder {

	/**
	 * @param argument the argument as passed (an {@code Optional} not yet unwrapped)
	 * @throws IllegalArgumentException when a required argument is missing
	 */
	void bind(Object argument, CallState call);

}
