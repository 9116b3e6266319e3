package io.github.wxnetwork.engine;

import java.util.concurrent.Executor;
import java.util.function.Consumer;

import io.github.wxnetwork.HeadersReceived;
import io.github.wxnetwork.TaskKind;
import io.github.wxnetwork.UploadOptions;
import io.github.wxnetwork.UploadProgress;
import io.github.wxnetwork.UploadSuccess;
import io.github.wxnetwork.UploadTask;

/** A {@code wx.uploadFile} task: the shared life of a task plus progress events. */
final class DefaultUploadTask extends TransferTask<UploadSuccess, UploadProgress> implements UploadTask {

	DefaultUploadTask(UploadOptions options, Executor callbackExecutor) {
		super(TaskKind.UPLOAD, "POST", options, options.progressListeners(), callbackExecutor);
	}

	@Override
	public UploadTask onHeadersReceived(Consumer<HeadersReceived> listener) {
		super.onHeadersReceived(listener);
		return this;
	}

	@Override
	public UploadTask offHeadersReceived(Consumer<HeadersReceived> listener) {
		super.offHeadersReceived(listener);
		return this;
	}

	@Override
	public UploadTask offHeadersReceived() {
		super.offHeadersReceived();
		return this;
	}

	@Override
	public UploadTask onProgressUpdate(Consumer<UploadProgress> listener) {
		progressListeners().add(listener);
		return this;
	}

	@Override
	public UploadTask offProgressUpdate(Consumer<UploadProgress> listener) {
		progressListeners().remove(listener);
		return this;
	}

	@Override
	public UploadTask offProgressUpdate() {
		progressListeners().clear();
		return this;
	}

}
