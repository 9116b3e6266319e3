package io.github.wxnetwork.client;

import java.io.File;
import java.lang.reflect.Array;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;
import java.util.StringJoiner;
import java.util.function.Consumer;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.web.bind.annotation.ValueConstants;

/**
 * The binders of the parameter annotations. Collections and arrays repeat a query parameter
 * ({@code k=a&k=b}) and join a header's values with {@code ,}; a null argument is left out, or fails the
 * call when the annotation says {@code required} and gives no {@code defaultValue}, as in Spring.
 */
final class ArgumentBinders {

	private ArgumentBinders() {
	}

	/** {@code @RequestParam}: a query pair, or a pair of the form body when the mapping is form-encoded. */
	static ArgumentBinder requestParam(String name, boolean required, String defaultValue, boolean form) {
		return (argument, call) -> {
			Object value = valueOrDefault(argument, defaultValue);
			if (value == null) {
				requireAbsent(required, "@RequestParam", name);
				return;
			}
			eachValue(value, (text) -> param(call, name, text, form));
		};
	}

	/** {@code @RequestParam Map}: every entry; a collection value repeats its key. */
	static ArgumentBinder requestParamMap(boolean form) {
		return eachEntry((call, name, value) -> eachValue(value, (text) -> param(call, name, text, form)));
	}

	/** {@code @RequestHeader}: several values joined with {@code ,}. */
	static ArgumentBinder requestHeader(String name, boolean required, String defaultValue) {
		return (argument, call) -> {
			Object value = valueOrDefault(argument, defaultValue);
			if (value == null) {
				requireAbsent(required, "@RequestHeader", name);
				return;
			}
			call.header(name, joined(value));
		};
	}

	/** {@code @RequestHeader Map}: every entry. */
	static ArgumentBinder requestHeaderMap() {
		return eachEntry((call, name, value) -> call.header(name, joined(value)));
	}

	/** {@code @RequestBody}: the request's {@code data}, serialised by the engine as WeChat would. */
	static ArgumentBinder requestBody(boolean required) {
		return (argument, call) -> {
			Object value = ArgumentValues.unwrap(argument);
			if (value == null) {
				requireAbsent(required, "@RequestBody", "body");
				return;
			}
			call.hasBody = true;
			call.body = value;
		};
	}

	/** A non-file {@code @RequestPart}: a {@code formData} field; text as text, other objects as JSON. */
	static ArgumentBinder formPart(String name, boolean required, JsonMapper mapper) {
		return (argument, call) -> {
			Object value = ArgumentValues.unwrap(argument);
			if (value == null) {
				requireAbsent(required, "@RequestPart", name);
				return;
			}
			call.formField(name, partText(value, mapper));
		};
	}

	/** {@code @RequestPart Map}: every entry a {@code formData} field. */
	static ArgumentBinder formPartMap(JsonMapper mapper) {
		return eachEntry((call, name, value) -> call.formField(name, partText(value, mapper)));
	}

	/** The file {@code @RequestPart} of an upload. */
	static ArgumentBinder filePart(String name, boolean required) {
		return (argument, call) -> {
			Path path = path(argument);
			if (path == null) {
				requireAbsent(required, "@RequestPart", name);
			}
			call.file = path;
		};
	}

	/** {@code @WxFilePath}: where a download is stored; null leaves it to a temp file. */
	static ArgumentBinder downloadTarget() {
		return (argument, call) -> call.target = path(argument);
	}

	/** A {@code Map} argument, entry by entry; null keys and values are left out, as is a null map. */
	private static ArgumentBinder eachEntry(EntryBinder binder) {
		return (argument, call) -> {
			Object value = ArgumentValues.unwrap(argument);
			if (value == null) {
				return;
			}
			((Map<?, ?>) value).forEach((key, entry) -> {
				if (key != null && entry != null) {
					binder.bind(call, key.toString(), entry);
				}
			});
		};
	}

	private static Path path(Object argument) {
		Object value = ArgumentValues.unwrap(argument);
		if (value instanceof Path path) {
			return path;
		}
		if (value instanceof File file) {
			return file.toPath();
		}
		return (value != null) ? Path.of(value.toString()) : null;
	}

	private static Object valueOrDefault(Object argument, String defaultValue) {
		Object value = ArgumentValues.unwrap(argument);
		if (value == null && !ValueConstants.DEFAULT_NONE.equals(defaultValue)) {
			return defaultValue;
		}
		return value;
	}

	private static void requireAbsent(boolean required, String annotation, String name) {
		if (required) {
			throw new IllegalArgumentException("Missing the required " + annotation + " \"" + name + "\": it is null");
		}
	}

	private static void param(CallState call, String name, String value, boolean form) {
		if (form) {
			call.formParam(name, value);
		}
		else {
			call.param(name, value);
		}
	}

	private static void eachValue(Object value, Consumer<String> action) {
		if (value instanceof Collection<?> values) {
			for (Object element : values) {
				if (element != null) {
					action.accept(ArgumentValues.text(element));
				}
			}
		}
		else if (value.getClass().isArray() && !(value instanceof byte[]) && !(value instanceof char[])) {
			for (int i = 0; i < Array.getLength(value); i++) {
				Object element = Array.get(value, i);
				if (element != null) {
					action.accept(ArgumentValues.text(element));
				}
			}
		}
		else {
			action.accept(ArgumentValues.text(value));
		}
	}

	private static String joined(Object value) {
		if (value instanceof Collection<?> || (value.getClass().isArray() && !(value instanceof char[]))) {
			StringJoiner joiner = new StringJoiner(",");
			eachValue(value, joiner::add);
			return joiner.toString();
		}
		return ArgumentValues.text(value);
	}

	private static String partText(Object value, JsonMapper mapper) {
		if (value instanceof CharSequence || value instanceof Number || value instanceof Boolean
				|| value instanceof Enum<?> || value instanceof Character) {
			return value.toString();
		}
		return mapper.writeValueAsString(value);
	}

	/** What one entry of a {@code Map} argument adds to a call. */
	@FunctionalInterface
	private interface EntryBinder {

		void bind(CallState call, String name, Object value);

	}

}
