package io.github.wxnetwork.client;

import java.io.File;
import java.nio.file.Path;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.MethodParameter;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;

/**
 * One parameter of a mapped method as its annotation reads: what it contributes to a call, under which
 * name, and whether its argument may be null. Read once at start-up; {@link #binder} then makes what
 * applies it to every call.
 *
 * @param index the parameter's position
 * @param name the name it is sent under; null for a {@code Map} of names to values
 * @param defaultValue the annotation's {@code defaultValue}, or null where the annotation has none
 * @param map whether the argument is a {@code Map} of names to values
 */
record ExchangeParameter(int index, Role role, String name, boolean required, String defaultValue, boolean map) {

	/** What a parameter contributes to a call; a file part and a plain part share their annotation. */
	enum Role {

		PATH("@PathVariable"), PARAM("@RequestParam"), HEADER("@RequestHeader"), BODY("@RequestBody"),
		PART("@RequestPart"), FILE_PART("@RequestPart"), TARGET("@WxFilePath");

		private final String annotation;

		Role(String annotation) {
			this.annotation = annotation;
		}

		String annotation() {
			return this.annotation;
		}

	}

	/**
	 * Reads one parameter's annotation; exactly one is required. An {@code Optional} parameter is never
	 * required, whatever its annotation says.
	 * @param parameter the parameter, its name discovery initialised
	 */
	static ExchangeParameter read(ClientMethod method, MethodParameter parameter) {
		int index = parameter.getParameterIndex();
		Class<?> type = parameter.nestedIfOptional().getNestedParameterType();
		boolean optional = parameter.isOptional();
		boolean map = Map.class.isAssignableFrom(type);
		PathVariable path = parameter.getParameterAnnotation(PathVariable.class);
		RequestParam param = parameter.getParameterAnnotation(RequestParam.class);
		RequestHeader header = parameter.getParameterAnnotation(RequestHeader.class);
		RequestBody body = parameter.getParameterAnnotation(RequestBody.class);
		RequestPart part = parameter.getParameterAnnotation(RequestPart.class);
		WxFilePath target = parameter.getParameterAnnotation(WxFilePath.class);
		int count = count(path, param, header, body, part, target);
		if (count == 0) {
			throw method.fail("parameter #" + index + " (" + describe(parameter) + ") has no annotation: use "
					+ "@PathVariable, @RequestParam, @RequestHeader, @RequestBody, @RequestPart or @WxFilePath");
		}
		if (count > 1) {
			throw method.fail("parameter #" + index + " (" + describe(parameter)
					+ ") has more than one parameter annotation");
		}
		if (path != null) {
			if (map) {
				throw method.fail("parameter #" + index + ": a Map @PathVariable is not supported; name each variable");
			}
			return new ExchangeParameter(index, Role.PATH,
					name(method, path.name(), path.value(), parameter, Role.PATH), path.required() && !optional, null,
					false);
		}
		if (param != null) {
			return new ExchangeParameter(index, Role.PARAM,
					map ? null : name(method, param.name(), param.value(), parameter, Role.PARAM),
					param.required() && !optional, param.defaultValue(), map);
		}
		if (header != null) {
			return new ExchangeParameter(index, Role.HEADER,
					map ? null : name(method, header.name(), header.value(), parameter, Role.HEADER),
					header.required() && !optional, header.defaultValue(), map);
		}
		if (body != null) {
			return new ExchangeParameter(index, Role.BODY, "body", body.required() && !optional, null, false);
		}
		if (part != null) {
			boolean file = isFile(type);
			return new ExchangeParameter(index, file ? Role.FILE_PART : Role.PART,
					map ? null : name(method, part.name(), part.value(), parameter, Role.PART),
					part.required() && !optional, null, map && !file);
		}
		if (!(isFile(type) || type == String.class)) {
			throw method.fail("parameter #" + index + " (" + describe(parameter)
					+ "): @WxFilePath needs a Path, File or String");
		}
		return new ExchangeParameter(index, Role.TARGET, "filePath", false, null, false);
	}

	/** What applies this parameter's argument to a call; null for a path variable, which the URL reads. */
	ArgumentBinder binder(boolean form, JsonMapper mapper) {
		return switch (this.role) {
			case PATH -> null;
			case PARAM -> this.map ? ArgumentBinders.requestParamMap(form)
					: ArgumentBinders.requestParam(this.name, this.required, this.defaultValue, form);
			case HEADER -> this.map ? ArgumentBinders.requestHeaderMap()
					: ArgumentBinders.requestHeader(this.name, this.required, this.defaultValue);
			case BODY -> ArgumentBinders.requestBody(this.required);
			case PART -> this.map ? ArgumentBinders.formPartMap(mapper)
					: ArgumentBinders.formPart(this.name, this.required, mapper);
			case FILE_PART -> ArgumentBinders.filePart(this.name, this.required);
			case TARGET -> ArgumentBinders.downloadTarget();
		};
	}

	private static boolean isFile(Class<?> type) {
		return Path.class.isAssignableFrom(type) || File.class.isAssignableFrom(type);
	}

	private static int count(Object... annotations) {
		int count = 0;
		for (Object annotation : annotations) {
			if (annotation != null) {
				count++;
			}
		}
		return count;
	}

	/** The annotation's name, else its value, else the compiled parameter name. */
	private static String name(ClientMethod method, String name, String value, MethodParameter parameter, Role role) {
		if (ClientContext.hasText(name)) {
			return name.trim();
		}
		if (ClientContext.hasText(value)) {
			return value.trim();
		}
		String discovered = parameter.getParameterName();
		if (discovered == null) {
			throw method.fail("parameter #" + parameter.getParameterIndex() + " has no name: write " + role.annotation()
					+ "(\"name\") or compile with -parameters");
		}
		return discovered;
	}

	private static String describe(MethodParameter parameter) {
		String name = parameter.getParameterName();
		return parameter.getParameterType().getSimpleName() + ((name != null) ? " " + name : "");
	}

}
