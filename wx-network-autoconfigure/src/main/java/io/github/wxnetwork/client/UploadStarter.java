package io.github.wxnetwork.client;

import java.time.Duration;
import java.util.Map;

import io.github.wxnetwork.UploadOptions;
import io.github.wxnetwork.WxTask;
import io.github.wxnetwork.WxUploadTemplate;

/** {@code wx.uploadFile}: the file part's argument, its name, and the other parts as {@code formData}. */
final class UploadStarter implements TaskStarter {

	private final WxUploadTemplate template;

	private final String partName;

	private final Map<String, String> headers;

	private final Duration timeout;

	UploadStarter(WxUploadTemplate template, String partName, Map<String, String> headers, Duration timeout) {
		this.template = template;
		this.partName = partName;
		this.headers = headers;
		this.timeout = timeout;
	}

	@Override
	public WxTask<?> start(String url, CallState call) {
		UploadOptions.Builder options = UploadOptions.builder(url, call.file, this.partName).timeout(this.timeout);
		if (!this.headers.isEmpty()) {
			options.headers(this.headers);
		}
		if (call.headers != null) {
			options.headers(call.headers);
		}
		if (call.formData != null) {
			options.formData(call.formData);
		}
		return this.template.uploadFile(options.build());
	}

}
