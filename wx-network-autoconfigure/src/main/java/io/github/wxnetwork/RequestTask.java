package io.github.wxnetwork;

import java.util.function.Consumer;

/** The task of {@code wx.request}; it also streams the response body as chunks. */
public interface RequestTask extends WxTask<RequestSuccess> {

	@Override
	RequestTask onHeadersReceived(Consumer<HeadersReceived> listener);

	@Override
	RequestTask offHeadersReceived(Consumer<HeadersReceived> listener);

	@Override
	RequestTask offHeadersReceived();

	/** Sees each piece of the response body as it arrives. */
	RequestTask onChunkReceived(Consumer<ChunkReceived> listener);

	RequestTask offChunkReceived(Consumer<ChunkReceived> listener);

	RequestTask offChunkReceived();

}
