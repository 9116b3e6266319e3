package io.github.wxnetwork.client;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code wx.network.clients.<name>.*}: what a deployment may change about a {@link WxClient} without
 * touching its interface. A class of its own, beside {@code WxNetworkProperties}, so that the client
 * support stays one removable piece.
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
		 * Base URL of the client; overrides @WxClient(url).
		 */
		private String url;

		/**
		 * Timeout of each call of the client, unless @WxOptions(timeout) sets one. Unset: the kind's
		 * wx.network.*.timeout.
		 */
		private Duration timeout;

		/**
		 * Headers sent with every call of the client; a header of the mapping or a @RequestHeader
		 * argument of the same name wins.
		 */
		private Map<String, String> defaultHeaders = new LinkedHashMap<>();

		public String getUrl() {
			return this.url;
		}

		public void setUrl(String url) {
			this.url = url;
		}

		public Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(Duration timeout) {
			this.timeout = timeout;
		}

		public Map<String, String> getDefaultHeaders() {
			return this.defaultHeaders;
		}

		public void setDefaultHeaders(Map<String, String> defaultHeaders) {
			this.defaultHeaders = defaultHeaders;
		}

	}

}
