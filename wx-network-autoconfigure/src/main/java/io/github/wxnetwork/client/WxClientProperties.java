package io.github.wxnetwork.client;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code wx.network.clients.<name>.*}: what a deployment may change about a {@link WxClient} without
 * touching its interface. The names are Spring Boot's for its HTTP service clients
 * ({@code spring.http.serviceclient.<group>.*}). A class of its own, beside {@code WxNetworkProperties},
 * so that the client support stays one removable piece. The processor does not describe the values of a
 * map, so the IDE help for {@code wx.network.clients.*.*}, deprecations included, is in
 * {@code additional-spring-configuration-metadata.json}.
 */
@ConfigurationProperties("wx.network")
public class WxClientProperties {

	/**
	 * Settings of @WxClient interfaces, by client name (the name given in @WxClient).
	 */
	private Map<String, Client> clients = new LinkedHashMap<>();

	public Map<String, Client> getClients() {
		return this.clients;
	}

	public void setClients(Map<String, Client> clients) {
		this.clients = clients;
	}

	/** The settings of one client; {@code null} fields leave the annotations' values. */
	public static class Client {

		/**
		 * Base URL of the client, which the @HttpExchange URLs are joined to; overrides @WxClient(url).
		 */
		private String baseUrl;

		private String url;

		/**
		 * Timeout of each call of the client, unless @WxOptions(timeout) sets one. Unset: the kind's
		 * wx.network.*.timeout.
		 */
		private Duration timeout;

		/**
		 * Headers sent with every call of the client; a header of the mapping or a @RequestHeader argument
		 * of the same name wins.
		 */
		private Map<String, List<String>> defaultHeader = new LinkedHashMap<>();

		private Map<String, String> defaultHeaders = new LinkedHashMap<>();

		/**
		 * Whether methods that return decoded data (a plain type, ResponseEntity, HttpHeaders, void)
		 * throw Spring's HttpClientErrorException / HttpServerErrorException on a status of 400 or more.
		 * Methods returning RequestSuccess or a task keep WeChat's rule: any status is a success.
		 */
		private boolean throwOnErrorStatus = true;

		public String getBaseUrl() {
			return this.baseUrl;
		}

		public void setBaseUrl(String baseUrl) {
			this.baseUrl = baseUrl;
		}

		/**
		 * Base URL of the client.
		 * @deprecated since 0.1.0 in favour of {@code base-url}, Spring Boot's name
		 */
		@Deprecated(since = "0.1.0")
		public String getUrl() {
			return this.url;
		}

		@Deprecated(since = "0.1.0")
		public void setUrl(String url) {
			this.url = url;
		}

		public Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(Duration timeout) {
			this.timeout = timeout;
		}

		public Map<String, List<String>> getDefaultHeader() {
			return this.defaultHeader;
		}

		public void setDefaultHeader(Map<String, List<String>> defaultHeader) {
			this.defaultHeader = defaultHeader;
		}

		/**
		 * Headers sent with every call of the client.
		 * @deprecated since 0.1.0 in favour of {@code default-header}, Spring Boot's name
		 */
		@Deprecated(since = "0.1.0")
		public Map<String, String> getDefaultHeaders() {
			return this.defaultHeaders;
		}

		@Deprecated(since = "0.1.0")
		public void setDefaultHeaders(Map<String, String> defaultHeaders) {
			this.defaultHeaders = defaultHeaders;
		}

		public boolean isThrowOnErrorStatus() {
			return this.throwOnErrorStatus;
		}

		public void setThrowOnErrorStatus(boolean throwOnErrorStatus) {
			this.throwOnErrorStatus = throwOnErrorStatus;
		}

		/** {@code base-url}, else the deprecated {@code url}; null when neither is set. */
		@SuppressWarnings("deprecation")
		String effectiveBaseUrl() {
			return (this.baseUrl != null) ? this.baseUrl : this.url;
		}

		/** {@code default-headers} (deprecated) overlaid by {@code default-header}, values joined with ", ". */
		@SuppressWarnings("deprecation")
		Map<String, String> effectiveDefaultHeaders() {
			Map<String, String> headers = new LinkedHashMap<>(this.defaultHeaders);
			this.defaultHeader.forEach((name, values) -> headers.put(name, String.join(", ", values)));
			return headers;
		}

	}

}
