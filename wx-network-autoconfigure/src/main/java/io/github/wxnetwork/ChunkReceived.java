package io.github.wxnetwork;

/** A piece of a request's response body, as it arrived. The array is the listener's own. */
public record ChunkReceived(byte[] data) {
}
