package io.github.wxnetwork.wire;

import java.util.Collection;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The wire-logging settings of an application ({@code wx.network.logging.*}): one {@link WireLog} per level,
 * made once and shared by the templates and every client at that level.
 */
public final class WireLogging {

	/** Logs nothing. */
	public static final WireLogging NONE = new WireLogging(WireLogLevel.NONE, Set.of(), 0);

	private final WireLogLevel level;

	private final Map<WireLogLevel, WireLog> logs = new EnumMap<>(WireLogLevel.class);

	/**
	 * @param level the templates' level, and that of clients without their own
	 * @param maskedHeaders headers whose values are masked besides {@code Authorization},
	 * {@code Proxy-Authorization}, {@code Cookie} and {@code Set-Cookie} (any case)
	 * @param maxBody how many bytes of a text body are shown at {@code body}
	 */
	public WireLogging(WireLogLevel level, Collection<String> maskedHeaders, int maxBody) {
		if (maxBody < 0) {
			throw new IllegalArgumentException("maxBody must not be negative: " + maxBody);
		}
		this.level = (level != null) ? level : WireLogLevel.NONE;
		Set<String> masked = ((maskedHeaders != null) ? maskedHeaders : Set.<String>of()).stream()
			.map((name) -> name.trim().toLowerCase(Locale.ROOT))
			.filter((name) -> !name.isEmpty())
			.collect(Collectors.toUnmodifiableSet());
		for (WireLogLevel at : WireLogLevel.values()) {
			if (at != WireLogLevel.NONE) {
				this.logs.put(at, new WireLog(at, masked, maxBody));
			}
		}
	}

	/** The templates' log; null at none. */
	public WireLog defaults() {
		return at(this.level);
	}

	/** The log at {@code level}, or the default one when it is null; null at none (nothing to do). */
	public WireLog at(WireLogLevel level) {
		return this.logs.get((level != null) ? level : this.level);
	}

}
