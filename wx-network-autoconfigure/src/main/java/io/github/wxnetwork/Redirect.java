package io.github.wxnetwork;

import java.util.Locale;
import java.util.Optional;

/** WeChat's {@code redirect}: whether a 3xx response is followed or handed back as the result. */
public enum Redirect {

	/** Follow redirects (each hop checked against the allow-list and private networks); the default. */
	FOLLOW,

	/** Hand a 3xx back as the result: a success with its statusCode and its {@code Location} header. */
	MANUAL;

	/** The mode named by {@code name} in any case ({@code "manual"}, WeChat's spelling); empty when unknown. */
	public static Optional<Redirect> parse(String name) {
		if (name == null) {
			return Optional.empty();
		}
		String wanted = name.trim().toUpperCase(Locale.ROOT);
		for (Redirect redirect : values()) {
			if (redirect.name().equals(wanted)) {
				return Optional.of(redirect);
			}
		}
		return Optional.empty();
	}

}
