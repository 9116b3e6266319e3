/**
 * Wire logging: what the {@code io.github.wxnetwork.wire} logger tells of each task at the configured
 * {@link io.github.wxnetwork.wire.WireLogLevel}, with secrets masked.
 */
package io.github.wxnetwork.wire;
