package io.github.wxnetwork.engine;

import okhttp3.Request;

/**
 * What a template prepares for a valid task: the request to send (the launcher completes and builds it
 * once, then drops the builder) and how its response is read.
 *
 * @param <R> the success result
 */
record Prepared<R>(Request.Builder request, RoundTrip<R> roundTrip) {
}
