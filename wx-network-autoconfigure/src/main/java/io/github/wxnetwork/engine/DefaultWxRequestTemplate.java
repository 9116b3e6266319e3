package io.github.wxnetwork.engine;

import java.time.Duration;

import io.github.wxnetwork.RequestOptions;
import io.github.wxnetwork.RequestTask;
import io.github.wxnetwork.WxRequestTemplate;

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

	@Override
	public RequestTask request(RequestOptions options) {
		RequestOptions given = (options != null) ? options : RequestOptions.builder(null).build();
		return this.launcher.start(new DefaultRequestTask(given, this.launcher.engine().callbackExecutor()),
				given.timeout(), this.defaultTimeout, (task) -> new RequestExchange(task.request(this.requestFactory.request(given)),
						given, task, this.requestFactory.jsonMapper()));
	}

}
