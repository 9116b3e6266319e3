package io.github.wxnetwork.actuate;

import io.github.wxnetwork.TaskView;
import io.github.wxnetwork.WxErrno;
import io.github.wxnetwork.WxNetworkException;
import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;

/**
 * wx-network's own observation convention: named {@code wx.network.tasks}, tagged with values of bounded
 * cardinality only ({@code kind}, {@code method}, {@code outcome}, {@code status}, {@code attempts},
 * {@code client}, {@code uri} as the client method's URI template, {@code errno}); the masked URL and the task
 * id are high-cardinality values (span tags, never metric tags). Extend it to add or change a tag.
 */
public class DefaultWxTaskObservationConvention implements WxTaskObservationConvention {

	public static final String NAME = "wx.network.tasks";

	/** The value of {@code client} and {@code uri} for a template call, which has neither. */
	public static final String NONE = "none";

	private static final String[] SMALL_NUMBERS = { "0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10" };

	@Override
	public String getName() {
		return NAME;
	}

	@Override
	public String getContextualName(WxTaskObservationContext context) {
		return "wx " + context.task().kind().type() + " " + context.task().method();
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(WxTaskObservationContext context) {
		TaskView task = context.task();
		WxNetworkException failure = context.failure();
		return KeyValues.of(KeyValue.of("kind", task.kind().type()), KeyValue.of("method", task.method()),
				outcome(failure), status(task), KeyValue.of("attempts", number(task.attempt())),
				KeyValue.of("client", orNone(task.client())), KeyValue.of("uri", orNone(task.uriTemplate())),
				KeyValue.of("errno", (failure != null) ? number(failure.errno()) : "0"));
	}

	@Override
	public KeyValues getHighCardinalityKeyValues(WxTaskObservationContext context) {
		return KeyValues.of("url", context.task().url(), "task.id", context.task().id());
	}

	/** How a task ended: {@code success}, {@code abort}, {@code timeout} or {@code fail}. */
	protected KeyValue outcome(WxNetworkException failure) {
		return KeyValue.of("outcome", outcomeOf(failure));
	}

	private static String outcomeOf(WxNetworkException failure) {
		if (failure == null) {
			return "success";
		}
		return switch (failure.errno()) {
			case WxErrno.ABORT -> "abort";
			case WxErrno.TIMEOUT -> "timeout";
			default -> "fail";
		};
	}

	/** The response's status, or {@code NONE} when no response came. */
	protected KeyValue status(TaskView task) {
		int status = task.statusCode();
		return KeyValue.of("status", (status != 0) ? Integer.toString(status) : "NONE");
	}

	private static String orNone(String value) {
		return (value != null) ? value : NONE;
	}

	/** Attempts are bounded by the retry's max-attempts; errno values by WeChat's list. */
	private static String number(int value) {
		return (value >= 0 && value < SMALL_NUMBERS.length) ? SMALL_NUMBERS[value] : Integer.toString(value);
	}

}
