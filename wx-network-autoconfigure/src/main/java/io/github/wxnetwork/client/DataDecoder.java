package io.github.wxnetwork.client;

import java.lang.reflect.Type;

import tools.jackson.databind.JavaType;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.util.ClassUtils;
import org.springframework.web.client.RestClientException;

/**
 * Turns a task's {@code data} into what a method returns, with the application's JSON mapper and a
 * Jackson type built once at start-up (generic types such as {@code List<Item>} included).
 *
 * <p>The data may come as a parsed JSON value, as text (dataType not "json", a body that is not JSON,
 * the reply of an upload) or as bytes (ARRAYBUFFER): text and bytes are read as JSON, parsed values
 * converted. Methods that read data get the body as bytes unless their {@code @WxOptions} say otherwise,
 * so the usual path is one Jackson read, straight into the method's type.
 */
final class DataDecoder {

	private final JsonMapper mapper;

	private final JavaType type;

	private final Class<?> rawType;

	private final boolean primitive;

	private final String method;

	/**
	 * @param type the Java type to produce, type variables resolved
	 * @param method the method, for messages
	 */
	DataDecoder(JsonMapper mapper, Type type, Class<?> rawType, String method) {
		this.mapper = mapper;
		this.primitive = rawType.isPrimitive();
		this.rawType = this.primitive ? ClassUtils.resolvePrimitiveIfNecessary(rawType) : rawType;
		this.type = this.primitive ? mapper.constructType(this.rawType) : mapper.constructType(type);
		this.method = method;
	}

	/**
	 * The reply's data as the method's type; an empty body is null, as for a RestClient, and a body that
	 * cannot be read is a {@code RestClientException}, as there.
	 */
	Object decode(Reply reply) {
		int statusCode = reply.status();
		Object value;
		try {
			value = convert(reply.data(), reply);
		}
		catch (RuntimeException ex) {
			throw new RestClientException("Cannot decode the response (status " + statusCode + ") of " + this.method
					+ " into " + this.type + ": " + ex.getMessage(), ex);
		}
		if (value == null && this.primitive) {
			throw new RestClientException("The response (status " + statusCode + ") of " + this.method
					+ " has no data, and " + this.type + " cannot be null");
		}
		return value;
	}

	/** The charset is parsed from the reply's headers only when text and bytes are converted. */
	private Object convert(Object data, Reply reply) {
		if (data == null) {
			return null;
		}
		if ((data instanceof byte[] bytes && bytes.length == 0) || (data instanceof String text && text.isEmpty())) {
			return null;
		}
		if (this.rawType == String.class) {
			if (data instanceof String text) {
				return text;
			}
			return (data instanceof byte[] bytes) ? new String(bytes, reply.charset())
					: this.mapper.writeValueAsString(data);
		}
		if (this.rawType == byte[].class) {
			if (data instanceof byte[] bytes) {
				return bytes;
			}
			return (data instanceof String text) ? text.getBytes(reply.charset())
					: this.mapper.writeValueAsBytes(data);
		}
		if (data instanceof byte[] bytes) {
			return this.mapper.readValue(bytes, this.type);
		}
		if (data instanceof String text) {
			return readText(text);
		}
		if (this.rawType == Object.class || (this.type.containedTypeCount() == 0 && this.rawType.isInstance(data))) {
			return data;
		}
		return this.mapper.convertValue(data, this.type);
	}

	/**
	 * Text is read as JSON; failing that it is converted as a JSON string value would be, which covers a
	 * parsed JSON string ("RED") meant for an enum or a date.
	 */
	private Object readText(String text) {
		try {
			return this.mapper.readValue(text, this.type);
		}
		catch (RuntimeException ex) {
			try {
				return this.mapper.convertValue(text, this.type);
			}
			catch (RuntimeException conversionFailure) {
				throw ex;
			}
		}
	}

}
