package io.github.wxnetwork;

/**
 * {@code wx.downloadFile}: downloads a resource to disk and returns its task at once.
 */
public interface WxDownloadTemplate {

	DownloadTask downloadFile(DownloadOptions options);

}
