package io.github.wxnetwork.client;

import java.time.Duration;
import java.util.Map;

import io.github.wxnetwork.WxDownloadTemplate;
import io.github.wxnetwork.WxRequestTemplate;
import io.github.wxnetwork.WxUploadTemplate;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;
import org.springframework.web.service.annotation.HttpExchange;

/**
 * What every method of one client shares while it is mapped: its name, base URL, per-client
 * properties, type-level annotations, the environment for placeholders, the JSON mapper and the
 * templates. Templates are looked up only when a method of their kind exists, so an application may
 * leave out a template it never uses.
 */
final class ClientContext {

	private final Class<?> type;

	private final String name;

	private final String rawUrl;

	private final Duration timeout;

	private final Map<String, String> defaultHeaders;

	private final HttpExchange typeExchange;

	private final WxOptions typeOptions;

	private final Environment environment;

	private final JsonMapper mapper;

	private final ObjectProvider<WxRequestTemplate> requestTemplate;

	private final ObjectProvider<WxUploadTemplate> uploadTemplate;

	private final ObjectProvider<WxDownloadTemplate> downloadTemplate;

	private String baseUrl;

	ClientContext(Class<?> type, String name, String rawUrl, WxClientProperties.Client settings, Environment environment,
			JsonMapper mapper, ObjectProvider<WxRequestTemplate> requestTemplate,
			ObjectProvider<WxUploadTemplate> uploadTemplate, ObjectProvider<WxDownloadTemplate> downloadTemplate) {
		this.type = type;
		this.name = name;
		this.rawUrl = (rawUrl != null) ? rawUrl.trim() : "";
		this.timeout = settings.getTimeout();
		this.defaultHeaders = settings.getDefaultHeaders();
		this.typeExchange = AnnotatedElementUtils.findMergedAnnotation(type, HttpExchange.class);
		this.typeOptions = AnnotatedElementUtils.findMergedAnnotation(type, WxOptions.class);
		this.environment = environment;
		this.mapper = mapper;
		this.requestTemplate = requestTemplate;
		this.uploadTemplate = uploadTemplate;
		this.downloadTemplate = downloadTemplate;
	}

	Class<?> type() {
		return this.type;
	}

	String name() {
		return this.name;
	}

	/** {@code wx.network.clients.<name>.timeout}, or null. */
	Duration timeout() {
		return this.timeout;
	}

	/** {@code wx.network.clients.<name>.default-headers}, possibly empty. */
	Map<String, String> defaultHeaders() {
		return (this.defaultHeaders != null) ? this.defaultHeaders : Map.of();
	}

	/** The interface's {@code @HttpExchange}, or null. */
	HttpExchange typeExchange() {
		return this.typeExchange;
	}

	/** The interface's {@code @WxOptions}, or null. */
	WxOptions typeOptions() {
		return this.typeOptions;
	}

	JsonMapper mapper() {
		return this.mapper;
	}

	/**
	 * Resolves {@code ${...}} placeholders.
	 * @throws IllegalArgumentException when one cannot be resolved
	 */
	String resolve(String value) {
		return this.environment.resolveRequiredPlaceholders(value);
	}

	/**
	 * The base URL, placeholders resolved; empty when none is set.
	 * @throws IllegalArgumentException when a placeholder cannot be resolved
	 */
	String baseUrl() {
		if (this.baseUrl == null) {
			try {
				this.baseUrl = resolve(this.rawUrl).trim();
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalArgumentException("the url \"" + this.rawUrl + "\" of client \"" + this.name
						+ "\" cannot be resolved: " + ex.getMessage(), ex);
			}
		}
		return this.baseUrl;
	}

	/** {@code WxClient[name=shop, url=https://shop.example.com]}: what the proxy's toString() says. */
	String description() {
		String url;
		try {
			url = baseUrl();
		}
		catch (IllegalArgumentException ex) {
			url = this.rawUrl;
		}
		return "WxClient[name=" + this.name + ", url=" + url + "]";
	}

	WxRequestTemplate requestTemplate() {
		return required(this.requestTemplate.getIfAvailable(), WxRequestTemplate.class);
	}

	WxUploadTemplate uploadTemplate() {
		return required(this.uploadTemplate.getIfAvailable(), WxUploadTemplate.class);
	}

	WxDownloadTemplate downloadTemplate() {
		return required(this.downloadTemplate.getIfAvailable(), WxDownloadTemplate.class);
	}

	private static <T> T required(T template, Class<T> type) {
		if (template == null) {
			throw new IllegalArgumentException("there is no " + type.getSimpleName()
					+ " bean to carry it out (is WxNetworkAutoConfiguration excluded?)");
		}
		return template;
	}

	static boolean hasText(String value) {
		return StringUtils.hasText(value);
	}

}
