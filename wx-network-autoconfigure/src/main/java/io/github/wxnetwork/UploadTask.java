package io.github.wxnetwork;

import java.util.function.Consumer;

/** The task of {@code wx.uploadFile}; it also reports progress. */
public interface UploadTask extends WxTask<UploadSuccess> {

	@Override
	UploadTask onHeadersReceived(Consumer<HeadersReceived> listener);

	@Override
	UploadTask offHeadersReceived(Consumer<HeadersReceived> listener);

	@Override
	UploadTask offHeadersReceived();

	/** Sees progress each time the integer percentage (or, with an unknown total, the byte count) changes. */
	UploadTask onProgressUpdate(Consumer<UploadProgress> listener);

	UploadTask offProgressUpdate(Consumer<UploadProgress> listener);

	UploadTask offProgressUpdate();

}
