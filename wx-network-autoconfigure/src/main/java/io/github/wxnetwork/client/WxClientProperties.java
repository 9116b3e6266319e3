package io.github.wxnetwork.client;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.github.wxnetwork.resilience.RetryProperties;
import io.github.wxnetwork.wire.WireLogLevel;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.env.Environment;

/**
 * {@code wx.network.clients.<name>.*}: what a deployment may change about a {@link WxClient} without
 * touching its interface. The names are Spring Boot's for its HTTP service clients
 * ({@code spring.http.serviceclient.<group>.*}). A class of its own, beside {@code WxNetworkProperties},
 * so that the client support stays one removable piece. The annotation processor does not describe the
 * values of a map, so the IDE help for {@code wx.network.clients.*.*}, deprecations included, is in
 * {@code additional-spring-configuration-metadata.json}.
 *
 * @param clients settings of @WxClient interfaces, by client name (the name given in @WxClient)
 */
@ConfigurationProperties("wx.network")
public record WxClientProperties(Map<String, Client> clients) {

	public WxClientProperties {
		clients = (clients != null) ? clients : Map.of();
	}

	/**
	 * The properties as the environment has them: for a set-up without wx-network's auto-configuration (a plain
	 * {@code @EnableWxClients}), and for tools that must see them before the context has its beans.
	 */
	public static WxClientProperties bind(Environment environment) {
		return Binder.get(environment).bindOrCreate("wx.network", WxClientProperties.class);
	}

	/**
	 * The settings of the client of this name, none set when it has none. Keys are matched relaxedly
	 * ({@code myShop}, {@code my-shop} and {@code myshop} are one name), since Spring Boot's binder does not
	 * keep a key's case in every property source.
	 */
	public Client client(String name) {
		Client exact = this.clients.get(name);
		if (exact != null) {
			return exact;
		}
		String wanted = relaxed(name);
		for (Map.Entry<String, Client> entry : this.clients.entrySet()) {
			if (relaxed(entry.getKey()).equals(wanted)) {
				return entry.getValue();
			}
		}
		return Client.NONE;
	}

	private static String relaxed(String name) {
		return name.replace("-", "").replace("_", "").toLowerCase(Locale.ROOT);
	}

	/**
	 * The settings of one client.
	 *
	 * @param baseUrl base URL of the client, which its @HttpExchange URLs are joined to; overrides
	 * @WxClient(url)
	 * @param url deprecated name of {@code base-url}
	 * @param timeout timeout of each call, unless @WxOptions(timeout) sets one; unset: the kind's
	 * wx.network.*.timeout
	 * @param defaultHeader headers of every call; a header of the mapping or an argument of the same name wins
	 * @param defaultHeaders deprecated name of {@code default-header}, one value per name
	 * @param throwOnErrorStatus whether methods that return decoded data throw Spring's
	 * HttpClientErrorException / HttpServerErrorException on a status of 400 or more
	 * @param retry retry of this client's calls (Resilience4j instance {@code wx-<name>}); unset values are
	 * those of wx.network.retry
	 * @param circuitBreaker the client's circuit breaker
	 * @param ssl the client's TLS; unset: wx.network.ssl
	 * @param proxy the client's proxy ("http://[user:password@]host:port", "socks5://host:port", or "none" for
	 * a direct connection); unset: wx.network.proxy
	 * @param logging how the client's calls are logged; unset: wx.network.logging
	 */
	public record Client(String baseUrl, @Deprecated(since = "0.1.0") String url, Duration timeout,
			Map<String, List<String>> defaultHeader, @Deprecated(since = "0.1.0") Map<String, String> defaultHeaders,
			@DefaultValue("true") boolean throwOnErrorStatus, @NestedConfigurationProperty RetryProperties retry,
			@DefaultValue CircuitBreaker circuitBreaker, @DefaultValue Ssl ssl, String proxy,
			@DefaultValue Logging logging) {

		static final Client NONE = new Client(null, null, null, null, null, true, null, new CircuitBreaker(false),
				new Ssl(null), null, new Logging(null));

		/** {@code base-url}, else the deprecated {@code url}; null when neither is set. */
		public String effectiveBaseUrl() {
			return (this.baseUrl != null) ? this.baseUrl : this.url;
		}

		/** {@code default-headers} (deprecated) overlaid by {@code default-header}, values joined with ", ". */
		Map<String, String> effectiveDefaultHeaders() {
			Map<String, String> headers = new LinkedHashMap<>();
			if (this.defaultHeaders != null) {
				headers.putAll(this.defaultHeaders);
			}
			if (this.defaultHeader != null) {
				this.defaultHeader.forEach((name, values) -> headers.put(name, String.join(", ", values)));
			}
			return headers;
		}

	}

	/**
	 * A client's circuit breaker: Resilience4j instance {@code wx-<name>}, configured under
	 * {@code resilience4j.circuitbreaker.instances.wx-<name>.*} (or Resilience4j's default config).
	 *
	 * @param enabled whether calls go through a circuit breaker: while it is open they fail at once with
	 * "circuit breaker open", without the network; connection errors, timeouts and 5xx count as failures
	 */
	public record CircuitBreaker(@DefaultValue("false") boolean enabled) {
	}

	/**
	 * A client's TLS.
	 *
	 * @param bundle name of the Spring Boot SSL bundle (spring.ssl.bundle.*) whose trust material verifies the
	 * server and whose key material, if any, is the client certificate; unset: wx.network.ssl.bundle
	 */
	public record Ssl(String bundle) {
	}

	/**
	 * How a client's calls are logged.
	 *
	 * @param level how much the io.github.wxnetwork.wire logger tells of each call (none, basic, headers, body);
	 * unset: wx.network.logging.level
	 */
	public record Logging(WireLogLevel level) {
	}

}
