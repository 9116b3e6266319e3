package io.github.wxnetwork.transport;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

import io.github.wxnetwork.engine.Transport;
import io.github.wxnetwork.engine.WxHttpEngine;
import okhttp3.ConnectionSpec;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.ssl.SslOptions;

/**
 * The transports of the templates ({@code wx.network.ssl.bundle}, {@code wx.network.proxy}) and of each
 * {@code @WxClient} (its own bundle and proxy over those, and its interceptors). Made at start-up, where a
 * bad setting fails naming its property; settings that are equal share one transport, and none (the
 * common case) is the engine's default, with nothing added to a call.
 *
 * <p>TLS comes from Spring Boot's {@link SslBundles}: the bundle's trust material verifies the server, its
 * key material (if any) is the client certificate, its ciphers and protocols (if set) are the connection's.
 * When Boot reloads a bundle whose files changed ({@code reload-on-update}), the transports that use it
 * derive their clients again.
 */
public final class Transports {

	private static final Logger logger = LoggerFactory.getLogger(Transports.class);

	private final WxHttpEngine engine;

	private final SslBundles sslBundles;

	private final Settings global;

	/** The templates' transport (null for none), made first so a bad global setting fails start-up. */
	private final Transport defaults;

	private final Map<Settings, Transport> made = new HashMap<>();

	private final Map<Class<?>, Interceptor> interceptors = new ConcurrentHashMap<>();

	/**
	 * @param sslBundles Boot's bundles; null when the application has none
	 * @param sslBundle the templates' bundle name ({@code wx.network.ssl.bundle}), or null
	 * @param proxy the templates' proxy ({@code wx.network.proxy}), or null to keep the client's own
	 */
	public Transports(WxHttpEngine engine, SslBundles sslBundles, String sslBundle, ProxySetting proxy) {
		this.engine = engine;
		this.sslBundles = sslBundles;
		this.global = new Settings((sslBundle != null && !sslBundle.isBlank()) ? sslBundle.trim() : null, proxy,
				List.of());
		this.defaults = transport(this.global, "wx.network.ssl.bundle");
	}

	/** The templates' transport; null when neither a bundle nor a proxy is set. */
	public Transport defaults() {
		return this.defaults;
	}

	/**
	 * A client's transport: its bundle and proxy, each falling back to the templates', and its interceptors.
	 * @param name the client's name, for the property in a message
	 * @param sslBundle its own bundle name, or null
	 * @param proxy its own proxy, or null
	 * @return the transport, shared with every client of equal settings; null for the engine's default
	 */
	public Transport forClient(String name, String sslBundle, ProxySetting proxy, List<Interceptor> interceptors) {
		Settings settings = new Settings((sslBundle != null) ? sslBundle : this.global.sslBundle(),
				(proxy != null) ? proxy : this.global.proxy(), interceptors);
		String property = (sslBundle != null) ? "wx.network.clients." + name + ".ssl.bundle" : "wx.network.ssl.bundle";
		return transport(settings, property);
	}

	/**
	 * The interceptor of a {@code @WxClient(interceptors)} class that is not a bean: made once, shared by
	 * every client that names it.
	 */
	public Interceptor interceptor(Class<? extends Interceptor> type, Supplier<Interceptor> make) {
		Interceptor made = this.interceptors.get(type);
		if (made != null) {
			return made;
		}
		// Made outside the map: its constructor may need a client whose own interceptors are made now.
		Interceptor interceptor = make.get();
		made = this.interceptors.putIfAbsent(type, interceptor);
		return (made != null) ? made : interceptor;
	}

	private synchronized Transport transport(Settings settings, String bundleProperty) {
		if (settings.sslBundle() == null && settings.proxy() == null && settings.interceptors().isEmpty()) {
			return null;
		}
		Transport existing = this.made.get(settings);
		if (existing != null) {
			return existing;
		}
		SslBundle bundle = (settings.sslBundle() != null) ? bundle(settings.sslBundle(), bundleProperty) : null;
		boolean clientCertificate = bundle != null && bundle.getStores().getKeyStore() != null;
		Transport transport = this.engine.transport((builder) -> shape(builder, settings, bundleProperty),
				settings.interceptors(), clientCertificate || !settings.interceptors().isEmpty(), settings.toString());
		if (bundle != null) {
			this.sslBundles.addBundleUpdateHandler(settings.sslBundle(), (updated) -> refresh(transport));
		}
		this.made.put(settings, transport);
		return transport;
	}

	/** After a bundle reload; material OkHttp refuses keeps the clients made before, and says why. */
	private static void refresh(Transport transport) {
		try {
			transport.refresh();
			logger.info("wx-network: {} uses its reloaded SSL bundle from now on", transport);
		}
		catch (RuntimeException ex) {
			logger.error("wx-network: {} keeps its previous TLS material: the reloaded bundle cannot be used", transport,
					ex);
		}
	}

	private void shape(OkHttpClient.Builder builder, Settings settings, String bundleProperty) {
		if (settings.sslBundle() != null) {
			// Read on every derivation: after a reload this is the new material.
			tls(builder, bundle(settings.sslBundle(), bundleProperty), bundleProperty);
		}
		if (settings.proxy() != null) {
			settings.proxy().apply(builder);
		}
	}

	private SslBundle bundle(String name, String property) {
		if (this.sslBundles == null) {
			throw new InvalidConfigurationPropertyValueException(property, name, "the application has no SslBundles");
		}
		try {
			return this.sslBundles.getBundle(name);
		}
		catch (NoSuchSslBundleException ex) {
			throw new InvalidConfigurationPropertyValueException(property, name,
					"there is no SSL bundle of that name under spring.ssl.bundle (known: "
							+ this.sslBundles.getBundleNames() + ")");
		}
	}

	/** The bundle's TLS material and options, as OkHttp takes them. */
	private void tls(OkHttpClient.Builder builder, SslBundle bundle, String property) {
		TrustManager[] trustManagers = bundle.getManagers().getTrustManagers();
		if (trustManagers.length != 1 || !(trustManagers[0] instanceof X509TrustManager trustManager)) {
			throw new InvalidConfigurationPropertyValueException(property, "(bundle)",
					"OkHttp needs exactly one X509TrustManager from the bundle, it has " + trustManagers.length);
		}
		builder.sslSocketFactory(bundle.createSslContext().getSocketFactory(), trustManager);
		SslOptions options = bundle.getOptions();
		if (!options.isSpecified()) {
			return;
		}
		ConnectionSpec.Builder spec = new ConnectionSpec.Builder(ConnectionSpec.MODERN_TLS);
		try {
			if (options.getCiphers() != null) {
				spec.cipherSuites(options.getCiphers());
			}
			if (options.getEnabledProtocols() != null) {
				spec.tlsVersions(options.getEnabledProtocols());
			}
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidConfigurationPropertyValueException(property, "(bundle)",
					"OkHttp refuses the bundle's ciphers or enabled-protocols: " + ex.getMessage());
		}
		// Plain http:// stays allowed only if the application's client allowed it.
		boolean cleartext = this.engine.client().connectionSpecs().contains(ConnectionSpec.CLEARTEXT);
		builder.connectionSpecs(cleartext ? List.of(spec.build(), ConnectionSpec.CLEARTEXT) : List.of(spec.build()));
	}

	/**
	 * What makes two transports differ; equal settings share one.
	 *
	 * @param sslBundle the bundle's name, or null
	 * @param proxy the proxy, or null to keep the application client's
	 * @param interceptors the interceptors, in order (beans or made once, so equal by identity)
	 */
	private record Settings(String sslBundle, ProxySetting proxy, List<Interceptor> interceptors) {

		Settings {
			interceptors = List.copyOf(interceptors);
		}

		@Override
		public String toString() {
			return "transport[ssl bundle " + this.sslBundle + ", proxy " + this.proxy + ", interceptors "
					+ this.interceptors.stream().map((interceptor) -> interceptor.getClass().getName()).toList() + "]";
		}

	}

}
