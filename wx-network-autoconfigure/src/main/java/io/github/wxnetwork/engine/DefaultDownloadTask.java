package io.github.wxnetwork.engine;

import java.util.concurrent.Executor;
import java.util.function.Consumer;

import io.github.wxnetwork.DownloadOptions;
import io.github.wxnetwork.DownloadProgress;
import io.github.wxnetwork.DownloadSuccess;
import io.github.wxnetwork.DownloadTask;
import io.github.wxnetwork.HeadersReceived;
import io.github.wxnetwork.TaskKind;

/** A {@code wx.downloadFile} task: the shared life of a task plus progress events. */
final class DefaultDownloadTask extends TransferTask<DownloadSuccess, DownloadProgress> implements DownloadTask {

	DefaultDownloadTask(DownloadOptions options, Executor callbackExecutor) {
		super(TaskKind.DOWNLOAD, "GET", options, options.progressListeners(), callbackExecutor);
	}

	@Override
	public DownloadTask onHeadersReceived(Consumer<HeadersReceived> listener) {
		super.onHeadersReceived(listener);
		return this;
	}

	@Override
	public DownloadTask offHeadersReceived(Consumer<HeadersReceived> listener) {
		super.offHeadersReceived(listener);
		return this;
	}

	@Override
	public DownloadTask offHeadersReceived() {
		super.offHeadersReceived();
		return this;
	}

	@Override
	public DownloadTask onProgressUpdate(Consumer<DownloadProgress> listener) {
		progressListeners().add(listener);
		return this;
	}

	@Override
	public DownloadTask offProgressUpdate(Consumer<DownloadProgress> listener) {
		progressListeners().remove(listener);
		return this;
	}

	@Override
	public DownloadTask offProgressUpdate() {
		progressListeners().clear();
		return this;
	}

}
