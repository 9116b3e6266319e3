package io.github.wxnetwork.client;

import java.io.File;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.wxnetwork.DownloadSuccess;
import io.github.wxnetwork.DownloadTask;
import io.github.wxnetwork.ResponseType;
import io.github.wxnetwork.TaskKind;
import io.github.wxnetwork.UploadSuccess;
import io.github.wxnetwork.UploadTask;
import io.github.wxnetwork.WxMethod;

import org.springframework.boot.convert.DurationStyle;
import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.core.MethodParameter;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.util.StringUtils;
import org.springframework.web.bind.annotation.CookieValue;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.service.annotation.HttpExchange;
import org.springframework.web.util.UriBuilderFactory;

/**
 * Reads every method of a client once, at start-up, into a {@link MethodPlan}, and refuses what WeChat
 * cannot do or what would only fail on a call: no mapping, PATCH or CONNECT, an unannotated parameter,
 * a URL variable nothing binds, no absolute URL, two bodies, an upload that does not POST, a download
 * that does not GET, a return type nothing produces. The request itself is Spring's to build; this
 * class decides the task's kind (a file {@code @RequestPart} makes an {@code uploadFile}, a
 * {@link WxFilePath} or a {@code DownloadTask}/{@code DownloadSuccess}/{@code Path} result a
 * {@code downloadFile}) and WeChat's options.
 */
final class MethodPlanner {

	private static final Pattern URL_VARIABLE = Pattern.compile("\\{([^/{}:]+)(:[^{}]*)?}");

	private final ClientSettings client;

	private final HttpExchange typeExchange;

	private final WxOptions typeOptions;

	private MethodPlanner(ClientSettings client) {
		this.client = client;
		this.typeExchange = AnnotatedElementUtils.findMergedAnnotation(client.type(), HttpExchange.class);
		this.typeOptions = AnnotatedElementUtils.findMergedAnnotation(client.type(), WxOptions.class);
	}

	/** A plan for every abstract method; default methods run their own code. */
	static Map<Method, MethodPlan> plan(ClientSettings client) {
		MethodPlanner planner = new MethodPlanner(client);
		Map<Method, MethodPlan> plans = new HashMap<>();
		for (Method method : client.type().getMethods()) {
			if (!method.isDefault() && !Modifier.isStatic(method.getModifiers())) {
				plans.put(method, planner.plan(method));
			}
		}
		return plans;
	}

	/** What a method's parameters add up to. */
	private record Parameters(int bodies, int fileParts, int parts, int params, int targets, Set<String> pathVariables,
			boolean variableMap, boolean uriArgument, boolean methodArgument) {
	}

	private MethodPlan plan(Method method) {
		Function<String, WxClientDefinitionException> fail = (reason) -> new WxClientDefinitionException(
				this.client.type(), method, reason);
		HttpExchange exchange = AnnotatedElementUtils.findMergedAnnotation(method, HttpExchange.class);
		if (exchange == null) {
			throw fail.apply("it has no @GetExchange, @PostExchange, @PutExchange, @DeleteExchange or @HttpExchange, "
					+ "and it is not a default method");
		}
		Parameters parameters = parameters(method, fail);
		WxMethod httpMethod = httpMethod(exchange, parameters, fail);
		if (StringUtils.hasText(exchange.version())
				|| (this.typeExchange != null && StringUtils.hasText(this.typeExchange.version()))) {
			throw fail.apply("@HttpExchange(version) is not supported: wx-network sends no API version");
		}
		checkUrl(exchange, parameters, fail);
		ReturnShape shape = ReturnShape.of(this.client.type(), method);
		TaskKind kind = kind(shape, parameters, fail);
		check(kind, httpMethod, exchange, parameters, method, fail);
		String dataType = option(method, WxOptions::dataType);
		ResponseType responseType = responseType(method, fail);
		if (shape.returnsData() && dataType == null && responseType == null) {
			// Data is decoded from the body's bytes in one Jackson read, not parsed twice.
			responseType = ResponseType.ARRAYBUFFER;
		}
		else if (dataType == null && shape.valueClass() == String.class) {
			dataType = "text";
		}
		dataType = (dataType != null) ? dataType : "json";
		responseType = (responseType != null) ? responseType : ResponseType.TEXT;
		DataDecoder decoder = (shape.dataClass() != null && shape.dataClass() != Void.class)
				? new DataDecoder(this.client.mapper(), shape.dataType(), shape.dataClass(),
						WxClientDefinitionException.describe(this.client.type(), method))
				: null;
		return new MethodPlan(kind, dataType, responseType, timeout(method, fail), shape, decoder,
				this.client.throwOnErrorStatus(), this.client.mapper());
	}

	private Parameters parameters(Method method, Function<String, WxClientDefinitionException> fail) {
		int bodies = 0;
		int fileParts = 0;
		int parts = 0;
		int params = 0;
		int targets = 0;
		Set<String> variables = new HashSet<>();
		boolean variableMap = false;
		boolean uriArgument = false;
		boolean methodArgument = false;
		for (int i = 0; i < method.getParameterCount(); i++) {
			MethodParameter parameter = new MethodParameter(method, i);
			parameter.initParameterNameDiscovery(new DefaultParameterNameDiscoverer());
			Class<?> type = parameter.nestedIfOptional().getNestedParameterType();
			PathVariable variable = parameter.getParameterAnnotation(PathVariable.class);
			RequestPart part = parameter.getParameterAnnotation(RequestPart.class);
			if (variable != null) {
				variableMap |= Map.class.isAssignableFrom(type);
				String name = StringUtils.hasText(variable.name()) ? variable.name()
						: StringUtils.hasText(variable.value()) ? variable.value() : parameter.getParameterName();
				variables.add(name);
			}
			else if (parameter.hasParameterAnnotation(RequestBody.class)) {
				bodies++;
			}
			else if (part != null) {
				if (isFile(type)) {
					fileParts++;
				}
				else {
					parts++;
				}
			}
			else if (parameter.hasParameterAnnotation(RequestParam.class)) {
				params++;
			}
			else if (parameter.hasParameterAnnotation(WxFilePath.class)) {
				if (!isFile(type) && type != String.class) {
					throw fail.apply("parameter #" + i + " (" + describe(parameter) + "): @WxFilePath needs a Path, File or String");
				}
				targets++;
			}
			else if (type == URI.class) {
				uriArgument = true;
			}
			else if (type == HttpMethod.class) {
				methodArgument = true;
			}
			else if (!parameter.hasParameterAnnotation(RequestHeader.class)
					&& !parameter.hasParameterAnnotation(CookieValue.class)
					&& !parameter.hasParameterAnnotation(RequestAttribute.class) && type != UriBuilderFactory.class) {
				throw fail.apply("parameter #" + i + " (" + describe(parameter) + ") has no annotation: use @PathVariable, "
						+ "@RequestParam, @RequestHeader, @CookieValue, @RequestBody, @RequestPart or @WxFilePath");
			}
		}
		return new Parameters(bodies, fileParts, parts, params, targets, variables, variableMap, uriArgument,
				methodArgument);
	}

	/**
	 * The method's HTTP method, else the interface's. PATCH and CONNECT are refused: WeChat cannot send
	 * them, and a client that mapped them would promise what a mini program cannot do.
	 */
	private WxMethod httpMethod(HttpExchange exchange, Parameters parameters,
			Function<String, WxClientDefinitionException> fail) {
		String name = StringUtils.hasText(exchange.method()) ? exchange.method()
				: (this.typeExchange != null) ? this.typeExchange.method() : "";
		if (!StringUtils.hasText(name)) {
			if (parameters.methodArgument()) {
				return null;
			}
			throw fail.apply("it names no HTTP method: use @GetExchange, @PostExchange, @PutExchange, "
					+ "@DeleteExchange or @HttpExchange(method = \"...\")");
		}
		if ("PATCH".equalsIgnoreCase(name.trim())) {
			throw fail.apply("WeChat has no PATCH: wx.request sends OPTIONS, GET, HEAD, POST, PUT, DELETE or TRACE");
		}
		WxMethod method = WxMethod.parse(name).orElseThrow(() -> fail.apply("\"" + name
				+ "\" is not a WeChat method: wx.request sends OPTIONS, GET, HEAD, POST, PUT, DELETE or TRACE"));
		if (method == WxMethod.CONNECT) {
			throw fail.apply("CONNECT opens a tunnel and cannot be sent as a request");
		}
		return method;
	}

	/**
	 * The URL as Spring will join it (interface's and method's {@code @HttpExchange} URLs), placeholders
	 * resolved: it must end up absolute, and every {@code {variable}} must have an argument.
	 */
	private void checkUrl(HttpExchange exchange, Parameters parameters,
			Function<String, WxClientDefinitionException> fail) {
		String typeUrl = (this.typeExchange != null) ? resolve(this.typeExchange.url(), fail) : "";
		String methodUrl = resolve(exchange.url(), fail);
		String url = (StringUtils.hasText(typeUrl) && StringUtils.hasText(methodUrl))
				? typeUrl + ((!typeUrl.endsWith("/") && !methodUrl.startsWith("/")) ? "/" : "") + methodUrl
				: typeUrl + methodUrl;
		if (parameters.uriArgument()) {
			return;
		}
		if (!RequestUrl.isAbsolute(url) && !RequestUrl.isAbsolute(this.client.baseUrl())) {
			throw fail.apply("it has no absolute url (\"" + this.client.baseUrl() + url + "\"): set @WxClient(url) or "
					+ "wx.network.clients." + this.client.name() + ".base-url, or give the mapping an absolute url");
		}
		Matcher variables = URL_VARIABLE.matcher(url);
		while (variables.find()) {
			if (!parameters.variableMap() && !parameters.pathVariables().contains(variables.group(1))) {
				throw fail.apply("its url has the variable {" + variables.group(1) + "} and no @PathVariable names it");
			}
		}
	}

	private String resolve(String value, Function<String, WxClientDefinitionException> fail) {
		try {
			String resolved = this.client.placeholders().resolveStringValue(value);
			return (resolved != null) ? resolved.trim() : "";
		}
		catch (IllegalArgumentException ex) {
			throw fail.apply("its url \"" + value + "\" cannot be resolved: " + ex.getMessage());
		}
	}

	private static TaskKind kind(ReturnShape shape, Parameters parameters,
			Function<String, WxClientDefinitionException> fail) {
		Class<?> value = shape.valueClass();
		Class<?> data = shape.dataClass();
		boolean downloadResult = value == DownloadTask.class || value == DownloadSuccess.class || data == Path.class;
		if (parameters.fileParts() > 1) {
			throw fail.apply("it has " + parameters.fileParts() + " file parts: uploadFile sends one file");
		}
		if (parameters.targets() > 1) {
			throw fail.apply("it has " + parameters.targets() + " @WxFilePath parameters: a download is stored in one file");
		}
		if (parameters.fileParts() == 1) {
			if (parameters.targets() > 0 || downloadResult) {
				throw fail.apply("it has a file part (an upload) and a download's @WxFilePath or result type");
			}
			if (!shape.returnsData() && value != UploadTask.class && value != UploadSuccess.class) {
				throw fail.apply("it uploads a file and returns " + value.getSimpleName() + ": return UploadTask, "
						+ "UploadSuccess or data");
			}
			return TaskKind.UPLOAD;
		}
		if (parameters.targets() > 0 || downloadResult) {
			if (shape.returnsData() && data != null && data != Path.class && data != Void.class) {
				throw fail.apply("a download's data is the stored file: return Path, ResponseEntity<Path>, DownloadSuccess, "
						+ "DownloadTask or void");
			}
			if (!shape.returnsData() && value != DownloadTask.class && value != DownloadSuccess.class) {
				throw fail.apply("it is a download and returns " + value.getSimpleName());
			}
			return TaskKind.DOWNLOAD;
		}
		if (value == UploadTask.class || value == UploadSuccess.class) {
			throw fail.apply(value.getSimpleName() + " needs the file to send: a @RequestPart Path or File parameter");
		}
		return TaskKind.REQUEST;
	}

	/**
	 * Refuses what this kind cannot send: options of another kind, a second body, parts without a file,
	 * an upload that does not POST, a download that does not GET.
	 */
	private void check(TaskKind kind, WxMethod httpMethod, HttpExchange exchange, Parameters parameters, Method method,
			Function<String, WxClientDefinitionException> fail) {
		WxOptions options = AnnotatedElementUtils.findMergedAnnotation(method, WxOptions.class);
		if (kind != TaskKind.REQUEST && options != null
				&& (StringUtils.hasText(options.dataType()) || options.responseType().length > 0)) {
			throw fail.apply("@WxOptions(dataType, responseType) are options of wx.request, and this method is a "
					+ kind.type());
		}
		if (parameters.bodies() > 1) {
			throw fail.apply("it has " + parameters.bodies() + " bodies (@RequestBody parameters), and a request has one");
		}
		switch (kind) {
			case REQUEST -> {
				if (parameters.parts() > 0) {
					throw fail.apply("its @RequestPart parameters are fields of an upload, and the method has no file "
							+ "part (a @RequestPart Path or File) to upload");
				}
				if (parameters.bodies() > 0 && parameters.params() > 0 && isForm(exchange)) {
					throw fail.apply("it has two bodies: a @RequestBody and form-encoded @RequestParam parameters");
				}
			}
			case UPLOAD -> {
				if (httpMethod != WxMethod.POST) {
					throw fail.apply("it uploads a file, and uploadFile always POSTs: map it with @PostExchange");
				}
				if (parameters.bodies() > 0) {
					throw fail.apply("an upload has no @RequestBody: send the fields as @RequestPart parameters");
				}
			}
			case DOWNLOAD -> {
				if (httpMethod != WxMethod.GET) {
					throw fail.apply("it is a download, and downloadFile always GETs: map it with @GetExchange");
				}
				if (parameters.bodies() > 0 || parameters.parts() > 0) {
					throw fail.apply("a download sends no body: drop the @RequestBody / @RequestPart parameters");
				}
			}
		}
	}

	/** Spring sends {@code @RequestParam} values as the body when the content type is exactly a form's. */
	private boolean isForm(HttpExchange exchange) {
		String contentType = StringUtils.hasText(exchange.contentType()) ? exchange.contentType()
				: (this.typeExchange != null) ? this.typeExchange.contentType() : "";
		return StringUtils.hasText(contentType)
				&& MediaType.APPLICATION_FORM_URLENCODED.equals(MediaType.parseMediaType(contentType));
	}

	/** The method's own {@code @WxOptions} attribute, else the interface's; null when neither sets it. */
	private String option(Method method, Function<WxOptions, String> attribute) {
		for (WxOptions options : new WxOptions[] { AnnotatedElementUtils.findMergedAnnotation(method, WxOptions.class),
				this.typeOptions }) {
			if (options != null && StringUtils.hasText(attribute.apply(options))) {
				return attribute.apply(options).trim();
			}
		}
		return null;
	}

	private ResponseType responseType(Method method, Function<String, WxClientDefinitionException> fail) {
		for (WxOptions options : new WxOptions[] { AnnotatedElementUtils.findMergedAnnotation(method, WxOptions.class),
				this.typeOptions }) {
			if (options != null && options.responseType().length > 1) {
				throw fail.apply("@WxOptions(responseType) takes one value");
			}
			if (options != null && options.responseType().length == 1) {
				return options.responseType()[0];
			}
		}
		return null;
	}

	/** Placeholders resolved; null leaves the kind's {@code wx.network.*.timeout}. */
	private Duration timeout(Method method, Function<String, WxClientDefinitionException> fail) {
		String timeout = option(method, WxOptions::timeout);
		if (timeout == null) {
			return this.client.timeout();
		}
		try {
			return DurationStyle.detectAndParse(this.client.placeholders().resolveStringValue(timeout).trim());
		}
		catch (IllegalArgumentException ex) {
			throw fail.apply("@WxOptions(timeout = \"" + timeout + "\") is not a duration such as \"5s\" or \"PT5S\"");
		}
	}

	private static boolean isFile(Class<?> type) {
		return Path.class.isAssignableFrom(type) || File.class.isAssignableFrom(type);
	}

	private static String describe(MethodParameter parameter) {
		String name = parameter.getParameterName();
		return parameter.getParameterType().getSimpleName() + ((name != null) ? " " + name : "");
	}

}
