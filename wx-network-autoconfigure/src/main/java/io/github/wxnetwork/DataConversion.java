package io.github.wxnetwork;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/** Backs {@link RequestSuccess#dataAs(Class)}: results are plain records, so they carry no mapper of their own. */
final class DataConversion {

	private DataConversion() {
	}

	static <T> T convert(Object data, Class<T> type) {
		if (data == null || type.isInstance(data)) {
			return type.cast(data);
		}
		try {
			return JsonMapper.shared().convertValue(data, type);
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException("data cannot be converted to " + type.getName() + ": " + ex.getOriginalMessage(), ex);
		}
	}

}
