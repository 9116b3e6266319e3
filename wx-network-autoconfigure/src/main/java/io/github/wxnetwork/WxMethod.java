package io.github.wxnetwork;

import java.util.Locale;
import java.util.Optional;

/** The HTTP methods {@code wx.request} knows. */
public enum WxMethod {

	OPTIONS, GET, HEAD, POST, PUT, DELETE, TRACE, CONNECT;

	/** The method named by {@code name}, in any case; empty when WeChat has no such method. */
	public static Optional<WxMethod> parse(String name) {
		if (name == null) {
			return Optional.empty();
		}
		for (WxMethod method : values()) {
			if (method.name().equals(name.trim().toUpperCase(Locale.ROOT))) {
				return Optional.of(method);
			}
		}
		return Optional.empty();
	}

}
