package io.github.wxnetwork;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Options of {@code wx.request}. Build with {@link #builder(String)}. */
public final class RequestOptions extends TaskOptions<RequestSuccess> {

	private final String method;

	private final Object data;

	private final String dataType;

	private final ResponseType responseType;

	private final List<Consumer<ChunkReceived>> chunkReceivedListeners;

	private final boolean enableChunked;

	private final boolean enableCache;

	private RequestOptions(Builder builder) {
		super(builder);
		this.method = builder.method;
		this.data = builder.data;
		this.dataType = builder.dataType;
		this.responseType = builder.responseType;
		this.chunkReceivedListeners = List.copyOf(builder.chunkReceivedListeners);
		this.enableChunked = builder.enableChunked;
		this.enableCache = builder.enableCache;
	}

	public static Builder builder(String url) {
		return new Builder(url);
	}

	/** The method as given (any case); checked when the task starts. */
	public String method() {
		return this.method;
	}

	public Object data() {
		return this.data;
	}

	public String dataType() {
		return this.dataType;
	}

	public ResponseType responseType() {
		return this.responseType;
	}

	public List<Consumer<ChunkReceived>> chunkReceivedListeners() {
		return this.chunkReceivedListeners;
	}

	/** Whether the body goes only to the chunk listeners, never buffered ({@code data} null). */
	public boolean enableChunked() {
		return this.enableChunked;
	}

	/** Whether a GET may be served from, and stored in, the HTTP cache ({@code wx.network.cache.*}). */
	public boolean enableCache() {
		return this.enableCache;
	}

	/** Builds {@link RequestOptions}: method GET, dataType "json", responseType TEXT unless set. */
	public static final class Builder extends TaskOptions.Builder<RequestSuccess, RequestOptions, Builder> {

		private String method = WxMethod.GET.name();

		private Object data;

		private String dataType = "json";

		private ResponseType responseType = ResponseType.TEXT;

		private final List<Consumer<ChunkReceived>> chunkReceivedListeners = new ArrayList<>();

		private boolean enableChunked;

		private boolean enableCache;

		private Builder(String url) {
			super(url);
		}

		@Override
		Builder self() {
			return this;
		}

		public Builder method(WxMethod method) {
			this.method = (method != null) ? method.name() : null;
			return this;
		}

		/** The method by name, in any case ("post"); an unknown name fails the task. */
		public Builder method(String method) {
			this.method = method;
			return this;
		}

		/** String, byte[], ByteBuffer, Map, or any object the application's JSON mapper can write. */
		public Builder data(Object data) {
			this.data = data;
			return this;
		}

		/** "json" (the default) parses the response; any other value leaves data a String. */
		public Builder dataType(String dataType) {
			this.dataType = dataType;
			return this;
		}

		public Builder responseType(ResponseType responseType) {
			this.responseType = responseType;
			return this;
		}

		public Builder onChunkReceived(Consumer<ChunkReceived> listener) {
			if (listener != null) {
				this.chunkReceivedListeners.add(listener);
			}
			return this;
		}

		/**
		 * True streams the body: every byte goes to the chunk listeners as it arrives and nothing is kept,
		 * so an endless or huge response (server-sent events, a 2 GB export) is safe; {@code data} is null.
		 * Default false.
		 */
		public Builder enableChunked(boolean enableChunked) {
			this.enableChunked = enableChunked;
			return this;
		}

		/**
		 * True lets a GET be answered from the HTTP cache and stored in it, under HTTP's caching rules
		 * ({@code Cache-Control}, validators). Needs {@code wx.network.cache.max-size}; without a cache the
		 * request simply goes to the network. Default false.
		 */
		public Builder enableCache(boolean enableCache) {
			this.enableCache = enableCache;
			return this;
		}

		@Override
		public RequestOptions build() {
			return new RequestOptions(this);
		}

	}

}
