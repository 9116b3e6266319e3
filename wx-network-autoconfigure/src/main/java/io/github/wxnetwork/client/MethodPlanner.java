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
import org.springframework.core.ParameterNameDiscoverer;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.util.ReflectionUtils;
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
 * Reads one method of a client, at start-up, into a {@link MethodPlan}, and refuses what WeChat cannot do
 * or what would only fail on a call: no mapping, PATCH or CONNECT, an unannotated parameter, a URL
 * variable nothing binds, no absolute URL, two bodies, an upload that does not POST, a download that does
 * not GET, a return type nothing produces. The request itself is Spring's to build; this class decides
 * the task's kind (a file {@code @RequestPart} makes an {@code uploadFile}; a {@link WxFilePath}, or a
 * {@code DownloadTask}, {@code DownloadSuccess} or {@code Path} result, a {@code downloadFile}) and
 * WeChat's options.
 */
final class MethodPlanner {

	private static final ParameterNameDiscoverer PARAMETER_NAMES = new DefaultParameterNameDiscoverer();

	private static final Pattern URL_VARIABLE = Pattern.compile("\\{([^/{}:]+)(:[^{}]*)?}");

	private final ClientSettings client;

	private final Method method;

	private final HttpExchange exchange;

	private final HttpExchange typeExchange;

	private final WxOptions[] options;

	private final Set<String> pathVariables = new HashSet<>();

	private int bodies;

	private int fileParts;

	private int parts;

	private int params;

	private int targets;

	private boolean variableMap;

	private boolean uriArgument;

	private boolean methodArgument;

	private MethodPlanner(ClientSettings client, HttpExchange typeExchange, WxOptions typeOptions, Method method) {
		this.client = client;
		this.method = method;
		this.exchange = AnnotatedElementUtils.findMergedAnnotation(method, HttpExchange.class);
		this.typeExchange = typeExchange;
		this.options = new WxOptions[] { AnnotatedElementUtils.findMergedAnnotation(method, WxOptions.class),
				typeOptions };
	}

	/** A plan for every abstract method; default methods run their own code. */
	static Map<Method, MethodPlan> plan(ClientSettings client) {
		HttpExchange typeExchange = AnnotatedElementUtils.findMergedAnnotation(client.type(), HttpExchange.class);
		WxOptions typeOptions = AnnotatedElementUtils.findMergedAnnotation(client.type(), WxOptions.class);
		Map<Method, MethodPlan> plans = new HashMap<>();
		for (Method method : client.type().getMethods()) {
			if (!method.isDefault() && !Modifier.isStatic(method.getModifiers()) && !ReflectionUtils.isObjectMethod(method)) {
				plans.put(method, new MethodPlanner(client, typeExchange, typeOptions, method).plan());
			}
		}
		return plans;
	}

	private MethodPlan plan() {
		if (this.exchange == null) {
			throw fail("it has no @GetExchange, @PostExchange, @PutExchange, @DeleteExchange or @HttpExchange, "
					+ "and it is not a default method");
		}
		readParameters();
		WxMethod httpMethod = httpMethod();
		if (StringUtils.hasText(this.exchange.version())
				|| (this.typeExchange != null && StringUtils.hasText(this.typeExchange.version()))) {
			throw fail("@HttpExchange(version) is not supported: wx-network sends no API version");
		}
		checkUrl();
		ReturnShape shape = ReturnShape.of(this.client.type(), this.method);
		TaskKind kind = kind(shape);
		check(kind, httpMethod);
		String dataType = option(WxOptions::dataType);
		ResponseType responseType = responseType();
		if (shape.returnsData() && dataType == null && responseType == null) {
			// Data is decoded from the body's bytes in one Jackson read, not parsed twice.
			responseType = ResponseType.ARRAYBUFFER;
		}
		else if (dataType == null && shape.dataClass() == String.class) {
			dataType = "text";
		}
		DataDecoder decoder = (shape.dataClass() != null && shape.dataClass() != Void.class)
				? new DataDecoder(this.client.mapper(), shape.bodyType(), shape.dataClass(),
						WxClientDefinitionException.describe(this.client.type(), this.method))
				: null;
		Switches switches = switches();
		if (kind == TaskKind.REQUEST && Boolean.TRUE.equals(switches.enableChunked()) && decoder != null) {
			throw fail("@WxOptions(enableChunked) hands the body to chunk listeners and keeps no data, and this "
					+ "method returns data: return RequestTask (or RequestSuccess, headers or void)");
		}
		String uriTemplate = RequestUrl.templateOf(RequestUrl.joinMapping(
				(this.typeExchange != null) ? this.typeExchange.url().trim() : "", this.exchange.url().trim()));
		return new MethodPlan(kind, uriTemplate, (dataType != null) ? dataType : "json",
				(responseType != null) ? responseType : ResponseType.TEXT, timeout(), switches, shape, decoder,
				this.client.throwOnErrorStatus(), this.client.mapper());
	}

	private void readParameters() {
		for (int i = 0; i < this.method.getParameterCount(); i++) {
			MethodParameter parameter = new MethodParameter(this.method, i);
			parameter.initParameterNameDiscovery(PARAMETER_NAMES);
			Class<?> type = parameter.nestedIfOptional().getNestedParameterType();
			PathVariable variable = parameter.getParameterAnnotation(PathVariable.class);
			if (variable != null) {
				this.variableMap |= Map.class.isAssignableFrom(type);
				this.pathVariables.add(StringUtils.hasText(variable.name()) ? variable.name()
						: StringUtils.hasText(variable.value()) ? variable.value() : parameter.getParameterName());
			}
			else if (parameter.hasParameterAnnotation(RequestBody.class)) {
				this.bodies++;
			}
			else if (parameter.hasParameterAnnotation(RequestPart.class)) {
				if (isFile(type)) {
					this.fileParts++;
				}
				else {
					this.parts++;
				}
			}
			else if (parameter.hasParameterAnnotation(RequestParam.class)) {
				this.params++;
			}
			else if (parameter.hasParameterAnnotation(WxFilePath.class)) {
				if (!isFile(type) && type != String.class) {
					throw fail("parameter #" + i + " (" + describe(parameter) + "): @WxFilePath needs a Path, File or String");
				}
				this.targets++;
			}
			else if (type == URI.class || type == UriBuilderFactory.class || type == HttpMethod.class) {
				this.uriArgument |= type != HttpMethod.class;
				this.methodArgument |= type == HttpMethod.class;
			}
			else if (!parameter.hasParameterAnnotation(RequestHeader.class)
					&& !parameter.hasParameterAnnotation(CookieValue.class)
					&& !parameter.hasParameterAnnotation(RequestAttribute.class)) {
				throw fail("parameter #" + i + " (" + describe(parameter) + ") has no annotation: use @PathVariable, "
						+ "@RequestParam, @RequestHeader, @CookieValue, @RequestBody, @RequestPart or @WxFilePath");
			}
		}
	}

	/**
	 * The method's HTTP method, else the interface's. PATCH and CONNECT are refused: WeChat cannot send
	 * them, and a client that mapped them would promise what a mini program cannot do.
	 */
	private WxMethod httpMethod() {
		String name = StringUtils.hasText(this.exchange.method()) ? this.exchange.method()
				: (this.typeExchange != null) ? this.typeExchange.method() : "";
		if (!StringUtils.hasText(name) && !this.methodArgument) {
			throw fail("it names no HTTP method: use @GetExchange, @PostExchange, @PutExchange, "
					+ "@DeleteExchange or @HttpExchange(method = \"...\")");
		}
		if (!StringUtils.hasText(name)) {
			return null;
		}
		if ("PATCH".equalsIgnoreCase(name.trim())) {
			throw fail("WeChat has no PATCH: wx.request sends OPTIONS, GET, HEAD, POST, PUT, DELETE or TRACE");
		}
		WxMethod method = WxMethod.parse(name).orElseThrow(() -> fail("\"" + name
				+ "\" is not a WeChat method: wx.request sends OPTIONS, GET, HEAD, POST, PUT, DELETE or TRACE"));
		if (method == WxMethod.CONNECT) {
			throw fail("CONNECT opens a tunnel and cannot be sent as a request");
		}
		return method;
	}

	/**
	 * The URL as Spring will join it (the interface's and the method's {@code @HttpExchange} URLs),
	 * placeholders resolved: it must end up absolute, and every {@code {variable}} must have an argument.
	 */
	private void checkUrl() {
		String typeUrl = (this.typeExchange != null) ? resolve(this.typeExchange.url()) : "";
		String methodUrl = resolve(this.exchange.url());
		String url = RequestUrl.joinMapping(typeUrl, methodUrl);
		if (this.uriArgument) {
			return;
		}
		if (!RequestUrl.isAbsolute(url) && !RequestUrl.isAbsolute(this.client.baseUrl())) {
			throw fail("it has no absolute url (\"" + this.client.baseUrl() + url + "\"): set @WxClient(url) or "
					+ "wx.network.clients." + this.client.name() + ".base-url, or give the mapping an absolute url");
		}
		Matcher variables = URL_VARIABLE.matcher(url);
		while (variables.find()) {
			if (!this.variableMap && !this.pathVariables.contains(variables.group(1))) {
				throw fail("its url has the variable {" + variables.group(1) + "} and no @PathVariable names it");
			}
		}
	}

	private String resolve(String value) {
		try {
			String resolved = this.client.placeholders().resolveStringValue(value);
			return (resolved != null) ? resolved.trim() : "";
		}
		catch (IllegalArgumentException ex) {
			throw fail("its url \"" + value + "\" cannot be resolved: " + ex.getMessage());
		}
	}

	private TaskKind kind(ReturnShape shape) {
		Class<?> value = shape.valueClass();
		Class<?> data = shape.dataClass();
		boolean downloadResult = value == DownloadTask.class || value == DownloadSuccess.class || data == Path.class;
		if (this.fileParts > 1 || this.targets > 1) {
			throw fail("it has " + this.fileParts + " file parts and " + this.targets + " @WxFilePath parameters: "
					+ "an upload sends one file, a download is stored in one");
		}
		if (this.fileParts == 1) {
			if (this.targets > 0 || downloadResult) {
				throw fail("it has a file part (an upload) and a download's @WxFilePath or result type");
			}
			if (!shape.returnsData() && value != UploadTask.class && value != UploadSuccess.class) {
				throw fail("it uploads a file and returns " + value.getSimpleName() + ": return UploadTask, "
						+ "UploadSuccess or data");
			}
			return TaskKind.UPLOAD;
		}
		if (this.targets > 0 || downloadResult) {
			if ((shape.returnsData() && data != null && data != Path.class && data != Void.class)
					|| (!shape.returnsData() && value != DownloadTask.class && value != DownloadSuccess.class)) {
				throw fail("a download's data is the stored file: return Path, ResponseEntity<Path>, "
						+ "DownloadSuccess, DownloadTask or void");
			}
			return TaskKind.DOWNLOAD;
		}
		if (value == UploadTask.class || value == UploadSuccess.class) {
			throw fail(value.getSimpleName() + " needs the file to send: a @RequestPart Path or File parameter");
		}
		return TaskKind.REQUEST;
	}

	/**
	 * Refuses what this kind cannot send: options of another kind, a second body, parts without a file,
	 * an upload that does not POST, a download that does not GET.
	 */
	private void check(TaskKind kind, WxMethod httpMethod) {
		WxOptions own = this.options[0];
		if (kind != TaskKind.REQUEST && own != null && (StringUtils.hasText(own.dataType())
				|| own.responseType().length > 0 || own.enableChunked().length > 0 || own.enableCache().length > 0)) {
			throw fail("@WxOptions(dataType, responseType, enableChunked, enableCache) are options of wx.request, "
					+ "and this method is a " + kind.type());
		}
		if (this.bodies > 0 && (httpMethod == WxMethod.GET || httpMethod == WxMethod.HEAD)) {
			throw fail("it has a @RequestBody, and a " + httpMethod + " sends none (WeChat would put it in the query)");
		}
		if (this.bodies > 1) {
			throw fail("it has " + this.bodies + " bodies (@RequestBody parameters), and a request has one");
		}
		if (kind == TaskKind.REQUEST && this.parts > 0) {
			throw fail("its @RequestPart parameters are fields of an upload, and the method has no file part "
					+ "(a @RequestPart Path or File) to upload");
		}
		if (kind == TaskKind.REQUEST && this.bodies > 0 && this.params > 0 && isForm()) {
			throw fail("it has two bodies: a @RequestBody and form-encoded @RequestParam parameters");
		}
		if (kind == TaskKind.UPLOAD && (httpMethod != WxMethod.POST || this.bodies > 0)) {
			throw fail("it uploads a file, and uploadFile always POSTs, its fields as @RequestPart parameters, "
					+ "no @RequestBody: map it with @PostExchange");
		}
		if (kind == TaskKind.DOWNLOAD && (httpMethod != WxMethod.GET || this.bodies > 0 || this.parts > 0)) {
			throw fail("it is a download, and downloadFile always GETs, without a body: map it with @GetExchange");
		}
	}

	/** Spring sends {@code @RequestParam} values as the body when the content type is exactly a form's. */
	private boolean isForm() {
		String contentType = StringUtils.hasText(this.exchange.contentType()) ? this.exchange.contentType()
				: (this.typeExchange != null) ? this.typeExchange.contentType() : "";
		return StringUtils.hasText(contentType)
				&& MediaType.APPLICATION_FORM_URLENCODED.equals(MediaType.parseMediaType(contentType));
	}

	/** The method's own {@code @WxOptions} attribute, else the interface's; null when neither sets it. */
	private String option(Function<WxOptions, String> attribute) {
		for (WxOptions options : this.options) {
			if (options != null && StringUtils.hasText(attribute.apply(options))) {
				return attribute.apply(options).trim();
			}
		}
		return null;
	}

	private ResponseType responseType() {
		return single("responseType", WxOptions::responseType);
	}

	/** The switches set by the method's {@code @WxOptions}, else by the interface's. */
	private Switches switches() {
		return new Switches(single("redirect", WxOptions::redirect), flag("enableHttp2", WxOptions::enableHttp2),
				flag("enableProfile", WxOptions::enableProfile), flag("enableChunked", WxOptions::enableChunked),
				flag("enableCache", WxOptions::enableCache));
	}

	/** An array attribute that holds at most one value: the method's, else the interface's; null when unset. */
	private <T> T single(String name, Function<WxOptions, T[]> attribute) {
		for (WxOptions options : this.options) {
			T[] values = (options != null) ? attribute.apply(options) : null;
			if (values != null && values.length > 1) {
				throw fail("@WxOptions(" + name + ") takes one value");
			}
			if (values != null && values.length == 1) {
				return values[0];
			}
		}
		return null;
	}

	private Boolean flag(String name, Function<WxOptions, boolean[]> attribute) {
		return single(name, (options) -> {
			boolean[] values = attribute.apply(options);
			Boolean[] boxed = new Boolean[values.length];
			for (int i = 0; i < values.length; i++) {
				boxed[i] = values[i];
			}
			return boxed;
		});
	}

	/** Placeholders resolved; null leaves the kind's {@code wx.network.*.timeout}. */
	private Duration timeout() {
		String timeout = option(WxOptions::timeout);
		if (timeout == null) {
			return this.client.timeout();
		}
		try {
			return DurationStyle.detectAndParse(this.client.placeholders().resolveStringValue(timeout).trim());
		}
		catch (IllegalArgumentException ex) {
			throw fail("@WxOptions(timeout = \"" + timeout + "\") is not a duration such as \"5s\" or \"PT5S\"");
		}
	}

	private static boolean isFile(Class<?> type) {
		return Path.class.isAssignableFrom(type) || File.class.isAssignableFrom(type);
	}

	private static String describe(MethodParameter parameter) {
		String name = parameter.getParameterName();
		return parameter.getParameterType().getSimpleName() + ((name != null) ? " " + name : "");
	}

	private WxClientDefinitionException fail(String reason) {
		return new WxClientDefinitionException(this.client.type(), this.method, reason);
	}

}
