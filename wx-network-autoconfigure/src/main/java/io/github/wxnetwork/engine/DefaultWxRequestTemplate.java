package io.github.wxnetwork.engine;

import java.time.Duration;

import io.github.wxnetwork.RequestOptions;
import io.github.wxnetwork.RequestTask;
import io.github.wxnetwork.WxRequestTemplate;
import tools.jackson.databind.json.JsonMapper;

/** {@link WxRequestTemplate} on the shared engine. */
public final class DefaultWxRequestTemplate implements WxRequestTemplate {

	private final TaskLauncher launcher;

	private final RequestFactory requestFactory;

	private final Duration defaultTimeout;

	public DefaultWxRequestTemplate(TaskLauncher launcher, RequestFactory requestFactory, Duration defaultTimeout) {
		this.launcher = launcher;
		this.requestFactory = requestFactory;
		this.defaultTimeout = defaultTimeout;
	}

	/** The mapper that encodes {@code data} and parses JSON responses. */
	public JsonMapper jsonMapper() {
		return this.requestFactory.jsonMapper();
	}

	@Override
	public RequestTask request(RequestOptions options) {
		RequestOptions given = (options != null) ? options : RequestOptions.builder(null).build();
		return this.launcher.start(new DefaultRequestTask(given, this.launcher.engine().callbackExecutor()),
				given.timeout(), this.defaultTimeout, (task) -> new RequestRoundTrip(this.requestFactory.request(given), given, task,
						this.requestFactory.jsonMapper()));
	}

}
