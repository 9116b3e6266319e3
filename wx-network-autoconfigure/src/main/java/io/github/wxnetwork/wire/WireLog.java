package io.github.wxnetwork.wire;

import java.util.Locale;
import java.util.Set;

import io.github.wxnetwork.TaskKind;
import io.github.wxnetwork.TaskView;
import io.github.wxnetwork.WxNetworkException;
import io.github.wxnetwork.engine.Failures;
import io.github.wxnetwork.engine.MaskedUrl;
import okhttp3.Headers;
import okhttp3.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * Wire logging at one level above {@link WireLogLevel#NONE} (at none there is no {@code WireLog} at all, so
 * nothing is built or looked at). Tasks tell it when they end ({@link #ended}); at {@code headers} and
 * {@code body} their requests carry a tag that {@link WireLogInterceptor} logs each hop by. Every line is one
 * event with the task's facts as SLF4J key-value pairs, for log shippers, and the same facts in its message,
 * for people; nothing is formatted unless the logger is enabled for INFO.
 */
public final class WireLog {

	/** The logger every line goes to, at INFO. */
	public static final String LOGGER_NAME = "io.github.wxnetwork.wire";

	static final Logger logger = LoggerFactory.getLogger(LOGGER_NAME);

	/** Always masked, whatever {@code masked-headers} says. */
	private static final Set<String> SECRET_HEADERS = Set.of("authorization", "proxy-authorization", "cookie",
			"set-cookie");

	/** Headers whose value is a URL, masked as one. */
	private static final Set<String> URL_HEADERS = Set.of("location", "content-location", "referer");

	private final WireLogLevel level;

	private final Set<String> maskedHeaders;

	private final int maxBody;

	/**
	 * @param maskedHeaders lower-case names of headers whose values are masked besides the secret ones
	 * @param maxBody how many bytes of a text body are shown at {@code body}
	 */
	WireLog(WireLogLevel level, Set<String> maskedHeaders, int maxBody) {
		this.level = level;
		this.maskedHeaders = maskedHeaders;
		this.maxBody = maxBody;
	}

	public WireLogLevel level() {
		return this.level;
	}

	int maxBody() {
		return this.maxBody;
	}

	boolean logsBodies() {
		return this.level == WireLogLevel.BODY;
	}

	/** At {@code headers} and {@code body}: tags a task's request so each of its hops is logged. */
	public void tag(Request.Builder request, TaskView task) {
		if (this.level.compareTo(WireLogLevel.HEADERS) >= 0) {
			request.tag(Hop.class, new Hop(this, task));
		}
	}

	/**
	 * The one line of an ended task: {@code request GET https://h/p?q=*** -> 200 in 35 ms (attempt 1, task …)},
	 * and its errMsg and errno when it failed.
	 * @param durationNanos from the template call to the end, the queue included
	 */
	public void ended(TaskView task, WxNetworkException failure, long durationNanos) {
		if (!logger.isInfoEnabled()) {
			return;
		}
		int status = task.statusCode();
		long durationMs = durationNanos / 1_000_000;
		LoggingEventBuilder event = event(task).addKeyValue("kind", task.kind().type())
			.addKeyValue("method", task.method())
			.addKeyValue("url", task.url())
			.addKeyValue("status", status)
			.addKeyValue("durationMs", durationMs);
		if (task.client() != null) {
			event = event.addKeyValue("client", task.client()).addKeyValue("uri", task.uriTemplate());
		}
		event = event.setMessage((failure != null) ? "{} {} {} -> {} in {} ms (attempt {}, task {}): {} (errno {})"
				: "{} {} {} -> {} in {} ms (attempt {}, task {})")
			.addArgument(task.kind().type())
			.addArgument(task.method())
			.addArgument(task.url())
			.addArgument((status != 0) ? status : "-")
			.addArgument(durationMs)
			.addArgument(task.attempt())
			.addArgument(task.id());
		if (failure != null) {
			// Masked (it may quote the URL) and escaped (a caller's URL must not forge log lines).
			String errMsg = Failures.printable(task.mask(failure.errMsg()));
			event = event.addKeyValue("errMsg", errMsg)
				.addKeyValue("errno", failure.errno())
				.addArgument(errMsg)
				.addArgument(failure.errno());
		}
		event.log();
	}

	/** An INFO event about one of a task's attempts: every line carries the task's id and attempt as key-values. */
	static LoggingEventBuilder event(TaskView task) {
		return logger.atInfo().addKeyValue("task.id", task.id()).addKeyValue("attempt", task.attempt());
	}

	/**
	 * A header's value as logged: masked when it is a secret or named in {@code masked-headers}; a redirect's
	 * target with its query values masked, as any URL is (a signed CDN link carries its signature there).
	 */
	String value(String name, String value) {
		String lower = name.toLowerCase(Locale.ROOT);
		if (SECRET_HEADERS.contains(lower) || this.maskedHeaders.contains(lower)) {
			return MaskedUrl.MASK;
		}
		// Escaped: a server's header must not be able to forge log lines.
		return Failures.printable(URL_HEADERS.contains(lower) ? MaskedUrl.lenient(value) : value);
	}

	/** Headers one per line, values masked. */
	void appendHeaders(Headers headers, StringBuilder out) {
		for (int i = 0; i < headers.size(); i++) {
			out.append('\n')
				.append(Failures.printable(headers.name(i)))
				.append(": ")
				.append(value(headers.name(i), headers.value(i)));
		}
	}

	/** Whether a body of this kind of task, going this way, may be logged at all. */
	static boolean mayLogBody(TaskKind kind, boolean response) {
		return response ? kind != TaskKind.DOWNLOAD : kind == TaskKind.REQUEST;
	}

	/** What a request's tag carries to {@link WireLogInterceptor}: the log and the task it belongs to. */
	record Hop(WireLog log, TaskView task) {
	}

}
