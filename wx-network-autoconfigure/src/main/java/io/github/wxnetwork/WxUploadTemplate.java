package io.github.wxnetwork;

/**
 * {@code wx.uploadFile}: uploads a file on disk as multipart/form-data and returns its task at once.
 */
public interface WxUploadTemplate {

	UploadTask uploadFile(UploadOptions options);

}
