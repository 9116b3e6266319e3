package io.github.wxnetwork.client;

import java.time.Duration;
import java.util.function.Function;

import io.github.wxnetwork.ResponseType;

import org.springframework.boot.convert.DurationStyle;

/**
 * The {@link WxOptions} in force for one method: the method's own attribute, else the interface's,
 * else a default that suits the return type (text for {@code String}, an array buffer for
 * {@code byte[]}) or the client's {@code timeout} property.
 */
final class WxOptionsResolver {

	private final ClientMethod method;

	WxOptionsResolver(ClientMethod method) {
		this.method = method;
	}

	String dataType(ReturnType returnType) {
		String dataType = option(WxOptions::dataType);
		if (dataType != null) {
			return dataType;
		}
		return (returnType.valueClass() == String.class) ? "text" : "json";
	}

	ResponseType responseType(ReturnType returnType) {
		for (WxOptions options : new WxOptions[] { this.method.options(), this.method.client().typeOptions() }) {
			if (options != null && options.responseType().length > 1) {
				throw this.method.fail("@WxOptions(responseType) takes one value");
			}
			if (options != null && options.responseType().length == 1) {
				return options.responseType()[0];
			}
		}
		return (returnType.valueClass() == byte[].class) ? ResponseType.ARRAYBUFFER : ResponseType.TEXT;
	}

	/** Placeholders resolved; null leaves the kind's {@code wx.network.*.timeout}. */
	Duration timeout() {
		String timeout = option(WxOptions::timeout);
		if (timeout == null) {
			return this.method.client().timeout();
		}
		String resolved = this.method.resolve(timeout, "timeout");
		try {
			return DurationStyle.detectAndParse(resolved.trim());
		}
		catch (IllegalArgumentException ex) {
			throw this.method.fail(
					"@WxOptions(timeout = \"" + timeout + "\") is not a duration such as \"5s\" or \"PT5S\"");
		}
	}

	private String option(Function<WxOptions, String> attribute) {
		WxOptions methodOptions = this.method.options();
		if (methodOptions != null && ClientContext.hasText(attribute.apply(methodOptions))) {
			return attribute.apply(methodOptions).trim();
		}
		WxOptions typeOptions = this.method.client().typeOptions();
		if (typeOptions != null && ClientContext.hasText(attribute.apply(typeOptions))) {
			return attribute.apply(typeOptions).trim();
		}
		return null;
	}

}
