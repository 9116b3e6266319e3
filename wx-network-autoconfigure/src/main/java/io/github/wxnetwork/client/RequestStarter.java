package io.github.wxnetwork.client;

import java.time.Duration;
import java.util.Map;

import io.github.wxnetwork.RequestOptions;
import io.github.wxnetwork.ResponseType;
import io.github.wxnetwork.WxMethod;
import io.github.wxnetwork.WxRequestTemplate;
import io.github.wxnetwork.WxTask;

/** {@code wx.request}: the body is the {@code @RequestBody} argument, or the form-encoded parameters. */
final class RequestStarter implements TaskStarter {

	private final WxRequestTemplate template;

	private final WxMethod method;

	private final Map<String, String> headers;

	private final String dataType;

	private final ResponseType responseType;

	private final Duration timeout;

	RequestStarter(WxRequestTemplate template, WxMethod method, Map<String, String> headers, String dataType,
			ResponseType responseType, Duration timeout) {
		this.template = template;
		this.method = method;
		this.headers = headers;
		this.dataType = dataType;
		this.responseType = responseType;
		this.timeout = timeout;
	}

	@Override
	public WxTask<?> start(String url, CallState call) {
		RequestOptions.Builder options = RequestOptions.builder(url)
			.method(this.method)
			.dataType(this.dataType)
			.responseType(this.responseType)
			.timeout(this.timeout);
		if (!this.headers.isEmpty()) {
			options.headers(this.headers);
		}
		if (call.headers != null) {
			options.headers(call.headers);
		}
		if (call.hasBody) {
			options.data(call.body);
		}
		else if (call.form != null) {
			options.data(call.form.toString());
		}
		return this.template.request(options.build());
	}

}
