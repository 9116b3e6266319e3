package io.github.wxnetwork.client;

import java.util.Optional;

import org.springframework.core.convert.ConversionService;
import org.springframework.core.convert.support.DefaultConversionService;

/**
 * Arguments to text, as Spring's own HTTP interfaces do it: through the shared conversion service, so
 * numbers, enums, UUIDs and dates render as a Spring user expects. {@code Optional} arguments count as
 * their content.
 */
final class ArgumentValues {

	private static final ConversionService CONVERSIONS = DefaultConversionService.getSharedInstance();

	private ArgumentValues() {
	}

	static Object unwrap(Object value) {
		return (value instanceof Optional<?> optional) ? optional.orElse(null) : value;
	}

	static String text(Object value) {
		if (value instanceof String string) {
			return string;
		}
		String text = CONVERSIONS.convert(value, String.class);
		return (text != null) ? text : "";
	}

}
