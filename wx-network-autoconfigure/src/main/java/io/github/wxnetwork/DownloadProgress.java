package io.github.wxnetwork;

/** Download progress; with an unknown total, progress and total are 0. */
public record DownloadProgress(int progress, long totalBytesWritten, long totalBytesExpectedToWrite) {
}
