package io.github.wxnetwork.engine;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import okhttp3.Headers;

/** Response headers as WeChat hands them over. */
final class HeaderMaps {

	private HeaderMaps() {
	}

	/** Case-insensitive for lookup; a header sent more than once has its values joined with {@code ,}. */
	static Map<String, String> of(Headers headers) {
		Map<String, String> map = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
		for (int i = 0; i < headers.size(); i++) {
			map.merge(headers.name(i), headers.value(i), (first, next) -> first + "," + next);
		}
		return Collections.unmodifiableMap(map);
	}

	/** Every {@code Set-Cookie} value, in order. */
	static List<String> cookies(Headers headers) {
		return List.copyOf(headers.values("Set-Cookie"));
	}

}
