package io.github.wxnetwork.engine;

import java.time.Duration;

import io.github.wxnetwork.RequestOptions;
import io.github.wxnetwork.RequestTask;
import io.github.wxnetwork.TaskKind;
import io.github.wxnetwork.WxRequestTemplate;
import tools.jackson.databind.json.JsonMapper;

/** {@link WxRequestTemplate} on the shared engine. */
public final class DefaultWxRequestTemplate implements WxRequestTemplate, ClientTemplate<DefaultWxRequestTemplate> {

	private final TaskLauncher launcher;

	private final RequestRules requestRules;

	private final Duration defaultTimeout;

	private final TaskRoute route;

	public DefaultWxRequestTemplate(TaskLauncher launcher, RequestRules requestRules, Duration defaultTimeout) {
		this(launcher, requestRules, defaultTimeout, TaskRoute.DEFAULT);
	}

	/**
	 * @param route how the template's tasks are retried (and guarded by a circuit breaker) and their transport
	 */
	public DefaultWxRequestTemplate(TaskLauncher launcher, RequestRules requestRules, Duration defaultTimeout,
			TaskRoute route) {
		this.launcher = launcher;
		this.requestRules = requestRules;
		this.defaultTimeout = defaultTimeout;
		this.route = route;
	}

	@Override
	public TaskRoute route() {
		return this.route;
	}

	@Override
	public DefaultWxRequestTemplate withRoute(TaskRoute route) {
		return new DefaultWxRequestTemplate(this.launcher, this.requestRules, this.defaultTimeout, route);
	}

	/** The mapper that encodes {@code data} and parses JSON responses. */
	public JsonMapper jsonMapper() {
		return this.requestRules.jsonMapper();
	}

	@Override
	public RequestTask request(RequestOptions options) {
		RequestOptions given = (options != null) ? options : RequestOptions.builder(null).build();
		return this.launcher.start(new DefaultRequestTask(given, this.launcher.engine().callbackExecutor()),
				given.timeout(), this.defaultTimeout, this.route, (task) -> new Prepared<>(
						CallSwitches.tag(this.requestRules.request(given), TaskKind.REQUEST, given, given.enableCache()),
						new RequestRoundTrip(given, task, this.requestRules.jsonMapper())));
	}

}
