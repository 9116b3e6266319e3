package io.github.wxnetwork;

import java.util.List;
import java.util.Map;

/** The response's status line and headers, before its body. {@code cookies} is empty for upload/download. */
public record HeadersReceived(Map<String, String> header, List<String> cookies, int statusCode) {
}
