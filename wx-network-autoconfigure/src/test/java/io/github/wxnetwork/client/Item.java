package io.github.wxnetwork.client;

/** What the test clients send and decode. */
public record Item(int id, String name) {
}
