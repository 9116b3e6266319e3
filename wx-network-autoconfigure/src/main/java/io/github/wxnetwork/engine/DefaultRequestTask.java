package io.github.wxnetwork.engine;

import java.util.concurrent.Executor;
import java.util.function.Consumer;

import io.github.wxnetwork.ChunkReceived;
import io.github.wxnetwork.HeadersReceived;
import io.github.wxnetwork.RequestOptions;
import io.github.wxnetwork.RequestSuccess;
import io.github.wxnetwork.RequestTask;
import io.github.wxnetwork.TaskKind;
import io.github.wxnetwork.WxMethod;

/** A {@code wx.request} task: the shared life of a task plus chunk events. */
final class DefaultRequestTask extends AbstractWxTask<RequestSuccess> implements RequestTask {

	private final Listeners<ChunkReceived> chunkReceived;

	DefaultRequestTask(RequestOptions options, Executor callbackExecutor) {
		super(TaskKind.REQUEST, WxMethod.parse(options.method()).map(WxMethod::name).orElse("UNKNOWN"), options,
				callbackExecutor);
		this.chunkReceived = new Listeners<>(options.chunkReceivedListeners());
	}

	@Override
	public RequestTask onHeadersReceived(Consumer<HeadersReceived> listener) {
		super.onHeadersReceived(listener);
		return this;
	}

	@Override
	public RequestTask offHeadersReceived(Consumer<HeadersReceived> listener) {
		super.offHeadersReceived(listener);
		return this;
	}

	@Override
	public RequestTask offHeadersReceived() {
		super.offHeadersReceived();
		return this;
	}

	@Override
	public RequestTask onChunkReceived(Consumer<ChunkReceived> listener) {
		this.chunkReceived.add(listener);
		return this;
	}

	@Override
	public RequestTask offChunkReceived(Consumer<ChunkReceived> listener) {
		this.chunkReceived.remove(listener);
		return this;
	}

	@Override
	public RequestTask offChunkReceived() {
		this.chunkReceived.clear();
		return this;
	}

	Listeners<ChunkReceived> chunkListeners() {
		return this.chunkReceived;
	}

}
