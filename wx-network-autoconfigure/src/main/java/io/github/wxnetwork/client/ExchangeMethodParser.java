package io.github.wxnetwork.client;

import java.io.File;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.BaseStream;

import io.github.wxnetwork.DownloadSuccess;
import io.github.wxnetwork.DownloadTask;
import io.github.wxnetwork.RequestSuccess;
import io.github.wxnetwork.RequestTask;
import io.github.wxnetwork.ResponseType;
import io.github.wxnetwork.UploadSuccess;
import io.github.wxnetwork.UploadTask;
import io.github.wxnetwork.WxMethod;
import io.github.wxnetwork.WxTask;

import org.springframework.boot.convert.DurationStyle;
import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.core.GenericTypeResolver;
import org.springframework.core.MethodParameter;
import org.springframework.core.ParameterNameDiscoverer;
import org.springframework.core.ResolvableType;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.util.ClassUtils;
import org.springframework.util.LinkedCaseInsensitiveMap;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.service.annotation.HttpExchange;

/**
 * Maps one abstract method of a client to its {@link ExchangeInvoker}, or refuses it with a
 * {@link WxClientDefinitionException} naming the interface and the method.
 *
 * <p>The kind of task follows from the method: a file {@code @RequestPart} ({@code Path} or
 * {@code File}) makes an {@code uploadFile} (POST only, other parts become {@code formData}); a
 * {@link WxFilePath} parameter, or a return type of {@code DownloadTask}, {@code DownloadSuccess} or
 * {@code Path}, makes a {@code downloadFile} (GET only); anything else is a {@code request}. PATCH is
 * refused: WeChat has no such method, and sending one anyway would promise what a mini program cannot do.
 */
final class ExchangeMethodParser {

	private static final ParameterNameDiscoverer NAMES = new DefaultParameterNameDiscoverer();

	private static final String RETURN_TYPES = "a plain type (decoded data), String, byte[], RequestSuccess, "
			+ "CompletableFuture<T>, RequestTask, UploadTask, DownloadTask, DownloadSuccess, Path or void";

	private final ClientContext client;

	private final Method method;

	ExchangeMethodParser(ClientContext client, Method method) {
		this.client = client;
		this.method = method;
	}

	MethodInvoker parse() {
		HttpExchange exchange = AnnotatedElementUtils.findMergedAnnotation(this.method, HttpExchange.class);
		if (exchange == null) {
			throw fail("it has no @GetExchange, @PostExchange, @PutExchange, @DeleteExchange or @HttpExchange, "
					+ "and it is not a default method");
		}
		WxMethod httpMethod = httpMethod(exchange);
		HttpExchange typeExchange = this.client.typeExchange();
		if (ClientContext.hasText(exchange.version())
				|| (typeExchange != null && ClientContext.hasText(typeExchange.version()))) {
			throw fail("@HttpExchange(version) is not supported: wx-network sends no API version");
		}
		Map<String, String> headers = staticHeaders(exchange);
		boolean form = httpMethod != WxMethod.GET && httpMethod != WxMethod.HEAD && isForm(headers);
		List<Param> params = parameters();
		ReturnType returnType = returnType();
		Kind kind = kind(params, returnType);
		check(kind, httpMethod, params, form);
		String url = url(exchange);
		UrlTemplate template = UrlTemplate.compile(url, pathVariables(url, params));
		ArgumentBinder[] binders = binders(params, form);
		Duration timeout = timeout();
		TaskStarter starter;
		try {
			starter = switch (kind) {
				case REQUEST -> new RequestStarter(this.client.requestTemplate(), httpMethod, headers, dataType(returnType),
						responseType(returnType), timeout);
				case UPLOAD -> new UploadStarter(this.client.uploadTemplate(), filePartName(params), headers, timeout);
				case DOWNLOAD -> new DownloadStarter(this.client.downloadTemplate(), headers, timeout);
			};
		}
		catch (IllegalArgumentException ex) {
			throw fail(ex.getMessage());
		}
		return new ExchangeInvoker(template, binders, starter, resultAdapter(kind, returnType));
	}

	// ---- method and headers

	private WxMethod httpMethod(HttpExchange exchange) {
		String name = exchange.method();
		if (!ClientContext.hasText(name) && this.client.typeExchange() != null) {
			name = this.client.typeExchange().method();
		}
		if (!ClientContext.hasText(name)) {
			throw fail("it names no HTTP method: use @GetExchange, @PostExchange, @PutExchange, @DeleteExchange "
					+ "or @HttpExchange(method = \"...\")");
		}
		if ("PATCH".equalsIgnoreCase(name.trim())) {
			throw fail("WeChat has no PATCH: wx.request sends OPTIONS, GET, HEAD, POST, PUT, DELETE or TRACE");
		}
		String given = name;
		WxMethod method = WxMethod.parse(given)
			.orElseThrow(() -> fail("\"" + given + "\" is not a WeChat method: wx.request sends OPTIONS, GET, HEAD, POST, "
					+ "PUT, DELETE or TRACE"));
		if (method == WxMethod.CONNECT) {
			throw fail("CONNECT opens a tunnel and cannot be sent as a request");
		}
		return method;
	}

	/**
	 * The headers every call sends, later sources winning: the client's {@code default-headers}, then the
	 * interface's {@code @HttpExchange} (headers, contentType, accept), then the method's.
	 */
	private Map<String, String> staticHeaders(HttpExchange exchange) {
		Map<String, String> headers = new LinkedCaseInsensitiveMap<>(Locale.ROOT);
		headers.putAll(this.client.defaultHeaders());
		if (this.client.typeExchange() != null) {
			addHeaders(this.client.typeExchange(), headers);
		}
		addHeaders(exchange, headers);
		return Collections.unmodifiableMap(new LinkedHashMap<>(headers));
	}

	private void addHeaders(HttpExchange exchange, Map<String, String> headers) {
		for (String header : exchange.headers()) {
			int equals = header.indexOf('=');
			if (equals <= 0) {
				throw fail("the header \"" + header + "\" is not name=value");
			}
			headers.put(header.substring(0, equals).trim(), resolve(header.substring(equals + 1).trim(), "header"));
		}
		if (ClientContext.hasText(exchange.contentType())) {
			headers.put("Content-Type", resolve(exchange.contentType(), "contentType"));
		}
		if (exchange.accept().length > 0) {
			headers.put("Accept", resolve(String.join(", ", exchange.accept()), "accept"));
		}
	}

	private static boolean isForm(Map<String, String> headers) {
		String contentType = headers.get("Content-Type");
		return contentType != null && contentType.toLowerCase(Locale.ROOT).contains("x-www-form-urlencoded");
	}

	// ---- url

	/**
	 * The full URL: the method's URL when absolute; else the interface's {@code @HttpExchange} URL when
	 * absolute, with the method's appended; else the client's base URL with both appended.
	 */
	private String url(HttpExchange exchange) {
		String methodUrl = resolve(exchange.url().trim(), "url");
		String typeUrl = (this.client.typeExchange() != null) ? resolve(this.client.typeExchange().url().trim(), "url")
				: "";
		if (isAbsolute(methodUrl)) {
			return methodUrl;
		}
		if (isAbsolute(typeUrl)) {
			return join(typeUrl, methodUrl);
		}
		String base;
		try {
			base = this.client.baseUrl();
		}
		catch (IllegalArgumentException ex) {
			throw fail(ex.getMessage());
		}
		String url = join(join(base, typeUrl), methodUrl);
		if (!isAbsolute(url)) {
			throw fail("it has no absolute url (\"" + url + "\"): set @WxClient(url) or wx.network.clients."
					+ this.client.name() + ".url, or give the mapping an absolute url");
		}
		return url;
	}

	private static boolean isAbsolute(String url) {
		int colon = url.indexOf("://");
		if (colon <= 0) {
			return false;
		}
		for (int i = 0; i < colon; i++) {
			char c = url.charAt(i);
			if (!(Character.isLetterOrDigit(c) || c == '+' || c == '-' || c == '.')) {
				return false;
			}
		}
		return Character.isLetter(url.charAt(0));
	}

	private static String join(String prefix, String path) {
		if (path.isEmpty()) {
			return prefix;
		}
		if (prefix.isEmpty()) {
			return path;
		}
		boolean slashEnd = prefix.endsWith("/");
		boolean slashStart = path.startsWith("/");
		if (slashEnd && slashStart) {
			return prefix + path.substring(1);
		}
		if (!slashEnd && !slashStart && !path.startsWith("?")) {
			return prefix + "/" + path;
		}
		return prefix + path;
	}

	private Map<String, UrlTemplate.PathVariableSlot> pathVariables(String url, List<Param> params) {
		Set<String> variables;
		try {
			variables = UrlTemplate.variableNames(url);
		}
		catch (IllegalArgumentException ex) {
			throw fail(ex.getMessage());
		}
		Map<String, UrlTemplate.PathVariableSlot> slots = new LinkedHashMap<>();
		for (Param param : params) {
			if (param.role() != Role.PATH) {
				continue;
			}
			if (!variables.contains(param.name())) {
				throw fail("@PathVariable \"" + param.name() + "\" is not a variable of the url \"" + url + "\"");
			}
			if (slots.put(param.name(), new UrlTemplate.PathVariableSlot(param.index(), param.required())) != null) {
				throw fail("two parameters are @PathVariable \"" + param.name() + "\"");
			}
		}
		for (String variable : variables) {
			if (!slots.containsKey(variable)) {
				throw fail("the url \"" + url + "\" has the variable {" + variable + "} and no @PathVariable \""
						+ variable + "\" parameter");
			}
		}
		return slots;
	}

	// ---- parameters

	private enum Role {

		PATH("@PathVariable"), PARAM("@RequestParam"), HEADER("@RequestHeader"), BODY("@RequestBody"),
		PART("@RequestPart"), FILE_PART("@RequestPart"), TARGET("@WxFilePath");

		private final String annotation;

		Role(String annotation) {
			this.annotation = annotation;
		}

	}

	private record Param(int index, Role role, String name, boolean required, String defaultValue, boolean map) {
	}

	private List<Param> parameters() {
		List<Param> params = new ArrayList<>();
		for (int i = 0; i < this.method.getParameterCount(); i++) {
			params.add(parameter(new MethodParameter(this.method, i)));
		}
		return params;
	}

	private Param parameter(MethodParameter parameter) {
		parameter.initParameterNameDiscovery(NAMES);
		int index = parameter.getParameterIndex();
		Class<?> type = parameter.nestedIfOptional().getNestedParameterType();
		boolean optional = parameter.isOptional();
		boolean map = Map.class.isAssignableFrom(type);
		PathVariable path = parameter.getParameterAnnotation(PathVariable.class);
		RequestParam param = parameter.getParameterAnnotation(RequestParam.class);
		RequestHeader header = parameter.getParameterAnnotation(RequestHeader.class);
		RequestBody body = parameter.getParameterAnnotation(RequestBody.class);
		RequestPart part = parameter.getParameterAnnotation(RequestPart.class);
		WxFilePath target = parameter.getParameterAnnotation(WxFilePath.class);
		int count = count(path, param, header, body, part, target);
		if (count == 0) {
			throw fail("parameter #" + index + " (" + describe(parameter) + ") has no annotation: use @PathVariable, "
					+ "@RequestParam, @RequestHeader, @RequestBody, @RequestPart or @WxFilePath");
		}
		if (count > 1) {
			throw fail("parameter #" + index + " (" + describe(parameter) + ") has more than one parameter annotation");
		}
		if (path != null) {
			if (map) {
				throw fail("parameter #" + index + ": a Map @PathVariable is not supported; name each variable");
			}
			return new Param(index, Role.PATH, name(path.name(), path.value(), parameter, Role.PATH),
					path.required() && !optional, null, false);
		}
		if (param != null) {
			return new Param(index, Role.PARAM, map ? null : name(param.name(), param.value(), parameter, Role.PARAM),
					param.required() && !optional, param.defaultValue(), map);
		}
		if (header != null) {
			return new Param(index, Role.HEADER, map ? null : name(header.name(), header.value(), parameter, Role.HEADER),
					header.required() && !optional, header.defaultValue(), map);
		}
		if (body != null) {
			return new Param(index, Role.BODY, "body", body.required() && !optional, null, false);
		}
		if (part != null) {
			boolean file = Path.class.isAssignableFrom(type) || File.class.isAssignableFrom(type);
			return new Param(index, file ? Role.FILE_PART : Role.PART,
					map ? null : name(part.name(), part.value(), parameter, Role.PART), part.required() && !optional,
					null, map && !file);
		}
		if (!(Path.class.isAssignableFrom(type) || File.class.isAssignableFrom(type) || type == String.class)) {
			throw fail("parameter #" + index + " (" + describe(parameter) + "): @WxFilePath needs a Path, File or String");
		}
		return new Param(index, Role.TARGET, "filePath", false, null, false);
	}

	private static int count(Object... annotations) {
		int count = 0;
		for (Object annotation : annotations) {
			if (annotation != null) {
				count++;
			}
		}
		return count;
	}

	private String name(String name, String value, MethodParameter parameter, Role role) {
		if (ClientContext.hasText(name)) {
			return name.trim();
		}
		if (ClientContext.hasText(value)) {
			return value.trim();
		}
		String discovered = parameter.getParameterName();
		if (discovered == null) {
			throw fail("parameter #" + parameter.getParameterIndex() + " has no name: write " + role.annotation
					+ "(\"name\") or compile with -parameters");
		}
		return discovered;
	}

	private static String describe(MethodParameter parameter) {
		String name = parameter.getParameterName();
		return parameter.getParameterType().getSimpleName() + ((name != null) ? " " + name : "");
	}

	private ArgumentBinder[] binders(List<Param> params, boolean form) {
		ArgumentBinder[] binders = new ArgumentBinder[params.size()];
		for (Param param : params) {
			binders[param.index()] = switch (param.role()) {
				case PATH -> null;
				case PARAM -> param.map() ? ArgumentBinders.requestParamMap(form)
						: ArgumentBinders.requestParam(param.name(), param.required(), param.defaultValue(), form);
				case HEADER -> param.map() ? ArgumentBinders.requestHeaderMap()
						: ArgumentBinders.requestHeader(param.name(), param.required(), param.defaultValue());
				case BODY -> ArgumentBinders.requestBody(param.required());
				case PART -> param.map() ? ArgumentBinders.formPartMap(this.client.mapper())
						: ArgumentBinders.formPart(param.name(), param.required(), this.client.mapper());
				case FILE_PART -> ArgumentBinders.filePart(param.name(), param.required());
				case TARGET -> ArgumentBinders.downloadTarget();
			};
		}
		return binders;
	}

	private static String filePartName(List<Param> params) {
		return params.stream().filter((param) -> param.role() == Role.FILE_PART).findFirst().orElseThrow().name();
	}

	// ---- kind and return type

	private enum Kind {

		REQUEST, UPLOAD, DOWNLOAD

	}

	/**
	 * @param type the whole return type, type variables of the interface resolved
	 * @param async whether it is a {@code CompletableFuture}
	 * @param value the type of the value: the return type, or the future's type argument
	 */
	private record ReturnType(ResolvableType type, boolean async, ResolvableType value) {

		Class<?> valueClass() {
			return this.value.toClass();
		}

	}

	private ReturnType returnType() {
		if (this.method.getTypeParameters().length > 0) {
			throw fail("a generic method cannot be mapped: the type to decode must be known at start-up");
		}
		Type generic = GenericTypeResolver.resolveType(this.method.getGenericReturnType(), this.client.type());
		if (hasTypeVariable(generic)) {
			throw fail("its return type " + generic.getTypeName() + " has an unresolved type variable");
		}
		ResolvableType type = ResolvableType.forType(generic);
		Class<?> raw = type.toClass();
		if (raw == CompletableFuture.class) {
			if (!(generic instanceof ParameterizedType parameterized)
					|| parameterized.getActualTypeArguments()[0] instanceof WildcardType) {
				throw fail("CompletableFuture needs its type argument, as in CompletableFuture<Item>");
			}
			ResolvableType value = type.getGeneric(0);
			refuseUnsupported(generic, value.toClass());
			if (WxTask.class.isAssignableFrom(value.toClass())) {
				throw fail("the return type " + generic.getTypeName() + " is not supported: return the task itself");
			}
			return new ReturnType(type, true, value);
		}
		refuseUnsupported(generic, raw);
		return new ReturnType(type, false, type);
	}

	private void refuseUnsupported(Type whole, Class<?> type) {
		boolean unsupported = Future.class.isAssignableFrom(type) || CompletionStage.class.isAssignableFrom(type)
				|| type == WxTask.class || type == Optional.class || BaseStream.class.isAssignableFrom(type)
				|| Iterator.class.isAssignableFrom(type) || isReactive(type);
		if (unsupported) {
			throw fail("the return type " + whole.getTypeName() + " is not supported: return " + RETURN_TYPES);
		}
	}

	private static boolean isReactive(Class<?> type) {
		for (Class<?> candidate : ClassUtils.getAllInterfacesForClassAsSet(type)) {
			if (candidate.getName().equals("org.reactivestreams.Publisher")
					|| candidate.getName().equals("kotlinx.coroutines.flow.Flow")) {
				return true;
			}
		}
		return type.getName().equals("org.reactivestreams.Publisher");
	}

	private static boolean hasTypeVariable(Type type) {
		if (type instanceof TypeVariable<?>) {
			return true;
		}
		if (type instanceof ParameterizedType parameterized) {
			for (Type argument : parameterized.getActualTypeArguments()) {
				if (hasTypeVariable(argument)) {
					return true;
				}
			}
			return false;
		}
		if (type instanceof GenericArrayType array) {
			return hasTypeVariable(array.getGenericComponentType());
		}
		if (type instanceof WildcardType wildcard) {
			for (Type bound : wildcard.getUpperBounds()) {
				if (hasTypeVariable(bound)) {
					return true;
				}
			}
		}
		return false;
	}

	private Kind kind(List<Param> params, ReturnType returnType) {
		long fileParts = params.stream().filter((param) -> param.role() == Role.FILE_PART).count();
		long targets = params.stream().filter((param) -> param.role() == Role.TARGET).count();
		Class<?> value = returnType.valueClass();
		boolean downloadResult = (value == DownloadTask.class && !returnType.async()) || value == DownloadSuccess.class
				|| value == Path.class;
		if (fileParts > 1) {
			throw fail("it has " + fileParts + " file parts: uploadFile sends one file");
		}
		if (targets > 1) {
			throw fail("it has " + targets + " @WxFilePath parameters: a download is stored in one file");
		}
		if (fileParts == 1) {
			if (targets > 0 || downloadResult) {
				throw fail("it has a file part (an upload) and a download's @WxFilePath or result type");
			}
			return Kind.UPLOAD;
		}
		if (targets > 0 || downloadResult) {
			return Kind.DOWNLOAD;
		}
		if (value == UploadTask.class || value == UploadSuccess.class) {
			throw fail(value.getSimpleName() + " needs the file to send: a @RequestPart Path or File parameter");
		}
		return Kind.REQUEST;
	}

	private void check(Kind kind, WxMethod httpMethod, List<Param> params, boolean form) {
		WxOptions methodOptions = methodOptions();
		if (kind != Kind.REQUEST && methodOptions != null
				&& (ClientContext.hasText(methodOptions.dataType()) || methodOptions.responseType().length > 0)) {
			throw fail("@WxOptions(dataType, responseType) are options of wx.request, and this method is a "
					+ kind.name().toLowerCase(Locale.ROOT));
		}
		List<Integer> bodies = indexes(params, Role.BODY);
		List<Integer> parts = indexes(params, Role.PART);
		switch (kind) {
			case REQUEST -> {
				if (bodies.size() > 1) {
					throw fail("it has two bodies: @RequestBody parameters " + bodies + "; a request has one body");
				}
				if (!parts.isEmpty()) {
					throw fail("@RequestPart parameter #" + parts.get(0) + " is a field of an upload, and the method "
							+ "has no file part (a @RequestPart Path or File) to upload");
				}
				if (form && !bodies.isEmpty() && !indexes(params, Role.PARAM).isEmpty()) {
					throw fail("it has two bodies: a @RequestBody and form-encoded @RequestParam parameters");
				}
			}
			case UPLOAD -> {
				if (httpMethod != WxMethod.POST) {
					throw fail("it uploads a file, and uploadFile always POSTs: map it with @PostExchange");
				}
				if (!bodies.isEmpty()) {
					throw fail("an upload has no @RequestBody: send the fields as @RequestPart parameters");
				}
			}
			case DOWNLOAD -> {
				if (httpMethod != WxMethod.GET) {
					throw fail("it is a download, and downloadFile always GETs: map it with @GetExchange");
				}
				if (!bodies.isEmpty() || !parts.isEmpty()) {
					throw fail("a download sends no body: drop the @RequestBody / @RequestPart parameters");
				}
			}
		}
	}

	private static List<Integer> indexes(List<Param> params, Role role) {
		List<Integer> indexes = new ArrayList<>();
		for (Param param : params) {
			if (param.role() == role) {
				indexes.add(param.index());
			}
		}
		return indexes;
	}

	private ResultAdapter resultAdapter(Kind kind, ReturnType returnType) {
		Class<?> value = returnType.valueClass();
		boolean async = returnType.async();
		Class<?> taskType = switch (kind) {
			case REQUEST -> RequestTask.class;
			case UPLOAD -> UploadTask.class;
			case DOWNLOAD -> DownloadTask.class;
		};
		Class<?> successType = switch (kind) {
			case REQUEST -> RequestSuccess.class;
			case UPLOAD -> UploadSuccess.class;
			case DOWNLOAD -> DownloadSuccess.class;
		};
		if (value == taskType) {
			return ResultAdapters.task();
		}
		if (value == successType) {
			return async ? ResultAdapters.future() : ResultAdapters.await(Function.identity());
		}
		if (value == void.class || value == Void.class) {
			return async ? ResultAdapters.future((success) -> null) : ResultAdapters.await();
		}
		if (WxTask.class.isAssignableFrom(value) || value == RequestSuccess.class || value == UploadSuccess.class
				|| value == DownloadSuccess.class) {
			throw fail("it is a " + kind.name().toLowerCase(Locale.ROOT) + " and cannot return "
					+ value.getSimpleName());
		}
		Function<Object, Object> extractor = switch (kind) {
			case REQUEST -> {
				DataDecoder decoder = decoder(returnType);
				yield (success) -> decoder.decode(((RequestSuccess) success).data(), ((RequestSuccess) success).statusCode());
			}
			case UPLOAD -> {
				DataDecoder decoder = decoder(returnType);
				yield (success) -> decoder.decode(((UploadSuccess) success).data(), ((UploadSuccess) success).statusCode());
			}
			case DOWNLOAD -> {
				if (value != Path.class) {
					throw fail("a download returns DownloadTask, DownloadSuccess, Path, void or a CompletableFuture of "
							+ "DownloadSuccess or Path, not " + returnType.type());
				}
				yield (success) -> {
					DownloadSuccess download = (DownloadSuccess) success;
					return (download.filePath() != null) ? download.filePath() : download.tempFilePath();
				};
			}
		};
		return async ? ResultAdapters.future(extractor) : ResultAdapters.await(extractor);
	}

	private DataDecoder decoder(ReturnType returnType) {
		return new DataDecoder(this.client.mapper(), returnType.value().getType(), returnType.valueClass(),
				WxClientDefinitionException.describe(this.client.type(), this.method));
	}

	// ---- WeChat options

	private String dataType(ReturnType returnType) {
		String dataType = option(WxOptions::dataType);
		if (dataType != null) {
			return dataType;
		}
		return (returnType.valueClass() == String.class) ? "text" : "json";
	}

	private ResponseType responseType(ReturnType returnType) {
		WxOptions methodOptions = methodOptions();
		for (WxOptions options : new WxOptions[] { methodOptions, this.client.typeOptions() }) {
			if (options != null && options.responseType().length > 1) {
				throw fail("@WxOptions(responseType) takes one value");
			}
			if (options != null && options.responseType().length == 1) {
				return options.responseType()[0];
			}
		}
		return (returnType.valueClass() == byte[].class) ? ResponseType.ARRAYBUFFER : ResponseType.TEXT;
	}

	private Duration timeout() {
		String timeout = option(WxOptions::timeout);
		if (timeout == null) {
			return this.client.timeout();
		}
		String resolved = resolve(timeout, "timeout");
		try {
			return DurationStyle.detectAndParse(resolved.trim());
		}
		catch (IllegalArgumentException ex) {
			throw fail("@WxOptions(timeout = \"" + timeout + "\") is not a duration such as \"5s\" or \"PT5S\"");
		}
	}

	private String option(Function<WxOptions, String> attribute) {
		WxOptions methodOptions = methodOptions();
		if (methodOptions != null && ClientContext.hasText(attribute.apply(methodOptions))) {
			return attribute.apply(methodOptions).trim();
		}
		WxOptions typeOptions = this.client.typeOptions();
		if (typeOptions != null && ClientContext.hasText(attribute.apply(typeOptions))) {
			return attribute.apply(typeOptions).trim();
		}
		return null;
	}

	private WxOptions methodOptions() {
		return AnnotatedElementUtils.findMergedAnnotation(this.method, WxOptions.class);
	}

	// ---- helpers

	private String resolve(String value, String what) {
		try {
			return this.client.resolve(value);
		}
		catch (IllegalArgumentException ex) {
			throw fail("its " + what + " \"" + value + "\" cannot be resolved: " + ex.getMessage());
		}
	}

	private WxClientDefinitionException fail(String reason) {
		return new WxClientDefinitionException(this.client.type(), this.method, reason);
	}

}
