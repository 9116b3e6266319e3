package io.github.wxnetwork;

/** Upload progress: {@code progress} is {@code floor(100 * sent / expected)}. */
public record UploadProgress(int progress, long totalBytesSent, long totalBytesExpectedToSend) {
}
