package io.github.wxnetwork;

import java.util.function.Consumer;

/** The task of {@code wx.downloadFile}; it also reports progress. */
public interface DownloadTask extends WxTask<DownloadSuccess> {

	@Override
	DownloadTask onHeadersReceived(Consumer<HeadersReceived> listener);

	@Override
	DownloadTask offHeadersReceived(Consumer<HeadersReceived> listener);

	@Override
	DownloadTask offHeadersReceived();

	/** Sees progress each time the integer percentage (or, with an unknown total, the byte count) changes. */
	DownloadTask onProgressUpdate(Consumer<DownloadProgress> listener);

	DownloadTask offProgressUpdate(Consumer<DownloadProgress> listener);

	DownloadTask offProgressUpdate();

}
