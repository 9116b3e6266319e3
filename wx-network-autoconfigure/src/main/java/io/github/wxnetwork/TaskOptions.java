package io.github.wxnetwork;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What the three kinds of options share: url, headers, timeout, headers-received listeners and the
 * success / fail / complete callbacks. Immutable; nothing here is validated until the task starts,
 * so a bad value fails the task with WeChat's errMsg instead of throwing from the builder.
 *
 * @param <R> the success result
 */
public abstract sealed class TaskOptions<R> permits RequestOptions, UploadOptions, DownloadOptions {

	private final String url;

	private final Map<String, String> headers;

	private final Duration timeout;

	private final List<Consumer<HeadersReceived>> headersReceivedListeners;

	private final Consumer<? super R> success;

	private final Consumer<? super WxNetworkException> fail;

	private final Runnable complete;

	private final String redirect;

	private final Boolean enableHttp2;

	private final boolean enableProfile;

	TaskOptions(Builder<R, ?, ?> builder) {
		this.url = builder.url;
		this.headers = Collections.unmodifiableMap(new LinkedHashMap<>(builder.headers));
		this.timeout = builder.timeout;
		this.headersReceivedListeners = List.copyOf(builder.headersReceivedListeners);
		this.success = builder.success;
		this.fail = builder.fail;
		this.complete = builder.complete;
		this.redirect = builder.redirect;
		this.enableHttp2 = builder.enableHttp2;
		this.enableProfile = builder.enableProfile;
	}

	public String url() {
		return this.url;
	}

	/** Request headers in the order given; names as given (a later name equal ignoring case replaced an earlier). */
	public Map<String, String> headers() {
		return this.headers;
	}

	/** The timeout of the whole task, or null for the kind's configured default. */
	public Duration timeout() {
		return this.timeout;
	}

	public List<Consumer<HeadersReceived>> headersReceivedListeners() {
		return this.headersReceivedListeners;
	}

	public Consumer<? super R> success() {
		return this.success;
	}

	public Consumer<? super WxNetworkException> fail() {
		return this.fail;
	}

	public Runnable complete() {
		return this.complete;
	}

	/** WeChat's {@code redirect} as given ({@code "follow"} unless set); an unknown name fails the task when it starts. */
	public String redirect() {
		return this.redirect;
	}

	/** Whether h2 may be negotiated, or null for {@code wx.network.enable-http2}. */
	public Boolean enableHttp2() {
		return this.enableHttp2;
	}

	/** Whether the result carries a {@link WxProfile}; true unless turned off. */
	public boolean enableProfile() {
		return this.enableProfile;
	}

	/**
	 * The builder the three kinds share.
	 *
	 * @param <R> the success result
	 * @param <O> the options built
	 * @param <B> the concrete builder, for chaining
	 */
	public abstract static class Builder<R, O extends TaskOptions<R>, B extends Builder<R, O, B>> {

		private final String url;

		private final Map<String, String> headers = new LinkedHashMap<>();

		private Duration timeout;

		private final List<Consumer<HeadersReceived>> headersReceivedListeners = new ArrayList<>();

		private Consumer<? super R> success;

		private Consumer<? super WxNetworkException> fail;

		private Runnable complete;

		private String redirect = Redirect.FOLLOW.name();

		private Boolean enableHttp2;

		private boolean enableProfile = true;

		Builder(String url) {
			this.url = url;
		}

		abstract B self();

		public abstract O build();

		/** Adds a header; one with the same name in any case is replaced. */
		public B header(String name, String value) {
			if (name != null) {
				this.headers.keySet().removeIf(name::equalsIgnoreCase);
			}
			this.headers.put(name, value);
			return self();
		}

		public B headers(Map<String, String> headers) {
			if (headers != null) {
				headers.forEach(this::header);
			}
			return self();
		}

		/** The timeout of the whole task: connect, headers and body. Default: the kind's {@code wx.network.*.timeout}. */
		public B timeout(Duration timeout) {
			this.timeout = timeout;
			return self();
		}

		public B onHeadersReceived(Consumer<HeadersReceived> listener) {
			if (listener != null) {
				this.headersReceivedListeners.add(listener);
			}
			return self();
		}

		public B success(Consumer<? super R> success) {
			this.success = success;
			return self();
		}

		public B fail(Consumer<? super WxNetworkException> fail) {
			this.fail = fail;
			return self();
		}

		/** Runs after success or fail, exactly once. */
		public B complete(Runnable complete) {
			this.complete = complete;
			return self();
		}

		/**
		 * {@link Redirect#FOLLOW} (the default) follows redirects, every hop checked as the first;
		 * {@link Redirect#MANUAL} makes a 3xx the result. Null fails the task.
		 */
		public B redirect(Redirect redirect) {
			this.redirect = (redirect != null) ? redirect.name() : null;
			return self();
		}

		/** WeChat's {@code redirect} by name, in any case ({@code "manual"}); an unknown name fails the task. */
		public B redirect(String redirect) {
			this.redirect = redirect;
			return self();
		}

		/**
		 * Whether HTTP/2 may be negotiated (over TLS, by ALPN); false keeps the task on HTTP/1.1. Default:
		 * {@code wx.network.enable-http2} (true).
		 */
		public B enableHttp2(boolean enableHttp2) {
			this.enableHttp2 = enableHttp2;
			return self();
		}

		/** False leaves the result's {@code profile} null (and spares the task the timing events). Default true. */
		public B enableProfile(boolean enableProfile) {
			this.enableProfile = enableProfile;
			return self();
		}

	}

}
