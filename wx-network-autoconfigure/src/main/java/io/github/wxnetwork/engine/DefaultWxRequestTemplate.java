package io.github.wxnetwork.engine;

import java.time.Duration;

import io.github.wxnetwork.RequestOptions;
import io.github.wxnetwork.RequestTask;
import io.github.wxnetwork.WxNetworkException;
import io.github.wxnetwork.WxRequestTemplate;
import okhttp3.Request;

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
		DefaultRequestTask task = new DefaultRequestTask(given, this.launcher.engine().callbackExecutor());
		try {
			Duration timeout = TaskLauncher.timeout(TaskKind.REQUEST, given.timeout(), this.defaultTimeout);
			Request request = this.requestFactory.request(given);
			this.launcher.launch(task, new RequestExchange(request, given, task, this.requestFactory.jsonMapper()), timeout);
		}
		catch (WxNetworkException ex) {
			task.failLater(ex);
		}
		return task;
	}

}
