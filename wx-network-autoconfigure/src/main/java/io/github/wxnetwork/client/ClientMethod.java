package io.github.wxnetwork.client;

import java.lang.reflect.Method;

import org.springframework.core.annotation.AnnotatedElementUtils;

/**
 * The abstract method being mapped, with the client it belongs to: what every step of
 * {@link ExchangeMethodParser} reads, and the one place refusals are made, so that each names the
 * interface and the method the same way.
 */
final class ClientMethod {

	private final ClientContext client;

	private final Method method;

	ClientMethod(ClientContext client, Method method) {
		this.client = client;
		this.method = method;
	}

	ClientContext client() {
		return this.client;
	}

	Method method() {
		return this.method;
	}

	/** The method's own {@code @WxOptions}, or null; the interface's is {@link ClientContext#typeOptions()}. */
	WxOptions options() {
		return AnnotatedElementUtils.findMergedAnnotation(this.method, WxOptions.class);
	}

	/**
	 * Resolves the {@code ${...}} placeholders of a mapping attribute.
	 * @param what the attribute, as the refusal names it ("url", "header", ...)
	 */
	String resolve(String value, String what) {
		try {
			return this.client.resolve(value);
		}
		catch (IllegalArgumentException ex) {
			throw fail("its " + what + " \"" + value + "\" cannot be resolved: " + ex.getMessage());
		}
	}

	/** The refusal to throw: the message names the client interface and this method. */
	WxClientDefinitionException fail(String reason) {
		return new WxClientDefinitionException(this.client.type(), this.method, reason);
	}

}
