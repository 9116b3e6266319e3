package io.github.wxnetwork.client;

import java.time.Duration;
import java.util.Map;

import io.github.wxnetwork.DownloadOptions;
import io.github.wxnetwork.WxDownloadTemplate;
import io.github.wxnetwork.WxTask;

/** {@code wx.downloadFile}: stored at the {@code @WxFilePath} argument, or in a temp file. */
final class DownloadStarter implements TaskStarter {

	private final WxDownloadTemplate template;

	private final Map<String, String> headers;

	private final Duration timeout;

	DownloadStarter(WxDownloadTemplate template, Map<String, String> headers, Duration timeout) {
		this.template = template;
		this.headers = headers;
		this.timeout = timeout;
	}

	@Override
	public WxTask<?> start(String url, CallState call) {
		DownloadOptions.Builder options = DownloadOptions.builder(url).filePath(call.target).timeout(this.timeout);
		if (!this.headers.isEmpty()) {
			options.headers(this.headers);
		}
		if (call.headers != null) {
			options.headers(call.headers);
		}
		return this.template.downloadFile(options.build());
	}

}
