package io.github.wxnetwork.client;

import java.io.File;
import java.nio.file.Path;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.github.wxnetwork.DownloadOptions;
import io.github.wxnetwork.RequestOptions;
import io.github.wxnetwork.UploadOptions;
import io.github.wxnetwork.WxDownloadTemplate;
import io.github.wxnetwork.WxRequestTemplate;
import io.github.wxnetwork.WxTask;
import io.github.wxnetwork.WxUploadTemplate;
import io.github.wxnetwork.engine.ClientTemplate;
import io.github.wxnetwork.engine.UriComponents;

import org.springframework.core.MethodParameter;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedCaseInsensitiveMap;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.service.invoker.HttpExchangeAdapter;
import org.springframework.web.service.invoker.HttpRequestValues;

/**
 * Carries out the requests Spring's {@code HttpServiceProxyFactory} builds, as wx-network tasks: the
 * limits, metrics and the actuator listing apply to them as to any template call. Every call arrives
 * with its method's {@link MethodPlan} as an attribute, which decides the kind and the return value; the
 * body type Spring passes is the one the plan was made from, so it is not read again.
 */
final class WxExchangeAdapter implements HttpExchangeAdapter {

	/** The request attribute that carries the method's plan. */
	static final String PLAN = MethodPlan.class.getName();

	/** The request attribute that carries a {@link WxFilePath} argument. */
	static final String FILE_PATH = WxFilePath.class.getName();

	private final ClientSettings client;

	/** Each method's template: its kind's, tagging the method's tasks with its URI template. Made once. */
	private final Map<MethodPlan, Object> templates = new IdentityHashMap<>();

	/**
	 * @param plans the client's methods, as their calls will carry them
	 * @param requests and {@code uploads}, {@code downloads}: templates of kinds the client never uses may be null
	 */
	WxExchangeAdapter(ClientSettings client, Collection<MethodPlan> plans, WxRequestTemplate requests,
			WxUploadTemplate uploads, WxDownloadTemplate downloads) {
		this.client = client;
		for (MethodPlan plan : plans) {
			Object template = switch (plan.kind()) {
				case REQUEST -> requests;
				case UPLOAD -> uploads;
				case DOWNLOAD -> downloads;
			};
			this.templates.put(plan, forMethod(template, plan));
		}
	}

	/** Spring's argument resolver for {@link WxFilePath}: the target travels as a request attribute. */
	static boolean resolveFilePath(Object argument, MethodParameter parameter, HttpRequestValues.Builder values) {
		if (!parameter.hasParameterAnnotation(WxFilePath.class)) {
			return false;
		}
		Object target = (argument instanceof Optional<?> optional) ? optional.orElse(null) : argument;
		if (target != null) {
			values.addAttribute(FILE_PATH, target);
		}
		return true;
	}

	@Override
	public boolean supportsRequestAttributes() {
		return true;
	}

	@Override
	public void exchange(HttpRequestValues values) {
		call(values);
	}

	@Override
	public HttpHeaders exchangeForHeaders(HttpRequestValues values) {
		return (HttpHeaders) call(values);
	}

	@Override
	@SuppressWarnings("unchecked")
	public <T> T exchangeForBody(HttpRequestValues values, ParameterizedTypeReference<T> bodyType) {
		return (T) call(values);
	}

	@Override
	@SuppressWarnings("unchecked")
	public ResponseEntity<Void> exchangeForBodilessEntity(HttpRequestValues values) {
		return (ResponseEntity<Void>) call(values);
	}

	@Override
	@SuppressWarnings("unchecked")
	public <T> ResponseEntity<T> exchangeForEntity(HttpRequestValues values, ParameterizedTypeReference<T> bodyType) {
		return (ResponseEntity<T>) call(values);
	}

	private Object call(HttpRequestValues values) {
		MethodPlan plan = (MethodPlan) values.getAttributes().get(PLAN);
		String url = RequestUrl.of(this.client.baseUrl(), values);
		HttpMethod httpMethod = values.getHttpMethod();
		String method = (httpMethod != null) ? httpMethod.name() : "GET";
		Map<String, String> headers = headers(values);
		Object template = this.templates.get(plan);
		WxTask<?> task = switch (plan.kind()) {
			case REQUEST -> ((WxRequestTemplate) template).request(plan.switches()
				.applyToRequest(RequestOptions.builder(url))
				.method(method)
				.data(requestData(values.getBodyValue(), headers))
				.headers(headers)
				.dataType(plan.dataType())
				.responseType(plan.responseType())
				.timeout(plan.timeout())
				.build());
			case UPLOAD -> upload((WxUploadTemplate) template, url, headers, values.getBodyValue(), plan);
			case DOWNLOAD -> ((WxDownloadTemplate) template).downloadFile(plan.switches()
				.applyCommon(DownloadOptions.builder(url))
				.headers(headers)
				.filePath(path(values.getAttributes().get(FILE_PATH)))
				.timeout(plan.timeout())
				.build());
		};
		return plan.finish(task, method, url);
	}

	/**
	 * The template of one method, its tasks tagged with the method's URI template (metrics, logs, the
	 * endpoint) and run on the caller's thread when the method blocks; a template the application replaced is
	 * used as it is.
	 */
	private static Object forMethod(Object template, MethodPlan plan) {
		return (template instanceof ClientTemplate<?> derivable)
				? derivable.forMethod(plan.uriTemplate(), plan.shape().blocks()) : template;
	}

	/** The client's default headers, replaced by name by the mapping's and the arguments'; cookies as one header. */
	private Map<String, String> headers(HttpRequestValues values) {
		Map<String, String> headers = new LinkedCaseInsensitiveMap<>(8, Locale.ROOT);
		headers.putAll(this.client.defaultHeaders());
		values.getHeaders().forEach((name, list) -> headers.put(name, String.join(", ", list)));
		MultiValueMap<String, String> cookies = values.getCookies();
		if (!cookies.isEmpty()) {
			StringBuilder cookie = new StringBuilder();
			cookies.forEach((name, list) -> list.forEach((value) -> {
				cookie.append((cookie.length() > 0) ? "; " : "").append(name).append('=').append(value);
			}));
			headers.put(HttpHeaders.COOKIE, cookie.toString());
		}
		return headers;
	}

	/**
	 * The body: form-encoded {@code @RequestParam} values arrive as a multi-value map, sent as
	 * {@code k=v&k=v2} with WeChat's encoding; anything else goes by WeChat's data rules, text and bytes
	 * without a Content-Type typed as a RestClient's converters type them (WeChat would say JSON).
	 */
	private static Object requestData(Object body, Map<String, String> headers) {
		if (!headers.containsKey(HttpHeaders.CONTENT_TYPE) && (body instanceof String || body instanceof byte[])) {
			headers.put(HttpHeaders.CONTENT_TYPE, (body instanceof String) ? "text/plain;charset=UTF-8"
					: MediaType.APPLICATION_OCTET_STREAM_VALUE);
		}
		if (body instanceof MultiValueMap<?, ?> form && isForm(headers)) {
			StringBuilder encoded = new StringBuilder();
			form.forEach((name, list) -> ((List<?>) list)
				.forEach((value) -> UriComponents.appendPair(String.valueOf(name), String.valueOf(value), encoded)));
			return encoded.toString();
		}
		return body;
	}

	private static boolean isForm(Map<String, String> headers) {
		return UriComponents.isForm(headers.get(HttpHeaders.CONTENT_TYPE));
	}

	/** The file part is the file to send; the other parts are WeChat's formData (text as text, objects as JSON). */
	private WxTask<?> upload(WxUploadTemplate uploads, String url, Map<String, String> headers, Object body,
			MethodPlan plan) {
		Path file = null;
		String fileField = null;
		Map<String, String> formData = new LinkedHashMap<>();
		MultiValueMap<?, ?> parts = (body != null) ? (MultiValueMap<?, ?>) body : new LinkedMultiValueMap<>();
		for (Map.Entry<?, ?> part : parts.entrySet()) {
			for (Object value : (List<?>) part.getValue()) {
				Object content = (value instanceof HttpEntity<?> entity) ? entity.getBody() : value;
				if (content instanceof Path || content instanceof File) {
					file = path(content);
					fileField = String.valueOf(part.getKey());
				}
				else if (content != null) {
					formData.put(String.valueOf(part.getKey()), (content instanceof String text) ? text
							: this.client.mapper().writeValueAsString(content));
				}
			}
		}
		return uploads.uploadFile(plan.switches().applyCommon(UploadOptions.builder(url, file, fileField))
			.headers(headers)
			.formData(formData)
			.timeout(plan.timeout())
			.build());
	}

	private static Path path(Object target) {
		if (target == null || target instanceof Path) {
			return (Path) target;
		}
		return (target instanceof File file) ? file.toPath() : Path.of(target.toString());
	}

}
