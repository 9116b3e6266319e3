package io.github.wxnetwork.engine;

import java.util.List;

import okhttp3.Cache;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import okhttp3.Request;

/**
 * How the calls of some templates or clients reach the network when that differs from the engine's
 * default: their TLS material, proxy and interceptors. Its OkHttp clients are derived from the engine's with
 * {@code newBuilder()}, so they share its connection pool, dispatcher, event listener and redirect
 * follower; a task carries its transport as a request tag, and the engine picks the client by it.
 *
 * <p>Made once per distinct setting (at start-up), never per call. {@link #refresh()} derives the clients
 * again, when the TLS material changed (a reloaded SSL bundle): calls started after it use the new material,
 * while connections already made keep theirs until they close (a new socket factory is a new connection
 * pool key, so none is reused across the change).
 */
public final class Transport {

	/** Shapes a derived client: its TLS, its proxy. Read again on every {@link #refresh()}. */
	@FunctionalInterface
	public interface Shape {

		void shape(OkHttpClient.Builder builder);

	}

	private final WxHttpEngine engine;

	private final Shape shape;

	private final List<Interceptor> interceptors;

	/** The HTTP cache of its tasks that enable it (a partition of its own when responses are private), or null. */
	private final Cache cache;

	private final String description;

	/** The engine's four variants, derived; replaced whole on refresh. */
	private volatile OkHttpClient[] variants;

	/**
	 * @param interceptors the application interceptors run once per attempt, in this order, after the
	 * application client's own and before the redirect follower (they see the request as it is sent, not
	 * each redirect hop)
	 * @param cache the cache of its tasks that enable it: the engine's, or a partition of its own when its
	 * responses may differ per caller (a client certificate, interceptors that may sign or authorize)
	 * @param description what the transport is, for logs (never a secret)
	 */
	Transport(WxHttpEngine engine, Shape shape, List<Interceptor> interceptors, Cache cache, String description) {
		this.engine = engine;
		this.shape = shape;
		this.interceptors = List.copyOf(interceptors);
		this.cache = cache;
		this.description = description;
		this.variants = engine.derive(shape, this.interceptors, cache, description);
	}

	/** Derives the clients again from the engine's, reading the shape anew (a reloaded SSL bundle). */
	public void refresh() {
		this.variants = this.engine.derive(this.shape, this.interceptors, this.cache, null);
	}

	/** Tags a task's request so the engine runs it on this transport. */
	public Request.Builder tag(Request.Builder request) {
		return request.tag(Transport.class, this);
	}

	/** The client of its tasks that allow h2 and skip the cache: the engine's pool and dispatcher, its own TLS and proxy. */
	public OkHttpClient client() {
		return this.variants[0];
	}

	OkHttpClient variant(int index) {
		return this.variants[index];
	}

	@Override
	public String toString() {
		return this.description;
	}

}
