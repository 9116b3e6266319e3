package io.github.wxnetwork.client;

import java.lang.reflect.Method;
import java.util.StringJoiner;

/**
 * A {@link WxClient} interface, or one of its methods, that cannot be mapped. Thrown while the
 * application starts, so a mistake in a mapping stops the start-up instead of failing a user's first
 * call; the message names the interface and the method.
 */
public final class WxClientDefinitionException extends IllegalStateException {

	private static final long serialVersionUID = 1L;

	WxClientDefinitionException(Class<?> client, Method method, String reason) {
		super("Cannot map " + describe(client, method) + " of @WxClient: " + reason);
	}

	WxClientDefinitionException(Class<?> client, String reason) {
		super("Cannot map @WxClient " + client.getName() + ": " + reason);
	}

	/** {@code com.example.ShopClient.item(String)}: the client type, not the declaring super-interface. */
	static String describe(Class<?> client, Method method) {
		StringJoiner parameters = new StringJoiner(", ", "(", ")");
		for (Class<?> parameter : method.getParameterTypes()) {
			parameters.add(parameter.getSimpleName());
		}
		return client.getName() + "." + method.getName() + parameters;
	}

}
