package io.github.wxnetwork.client;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Map;

import io.github.wxnetwork.TaskKind;
import io.github.wxnetwork.WxMethod;

/**
 * Maps one abstract method of a client to its {@link ExchangeInvoker}, or refuses it with a
 * {@link WxClientDefinitionException} naming the interface and the method.
 *
 * <p>The steps are separate classes, as in Retrofit's {@code RequestFactory}: the
 * {@link HttpExchangeMapping} (HTTP method, headers, URL), the {@link ExchangeParameters}, the
 * {@link ReturnType}, the {@link TaskKind} they make together ({@link KindRules}), the {@link WxOptionsResolver} and the
 * {@link ResultAdapterFactory}. This class only runs them, in a fixed order, so that a method with
 * several mistakes is always refused for the same one.
 */
final class ExchangeMethodParser {

	private final ClientMethod method;

	ExchangeMethodParser(ClientContext client, Method method) {
		this.method = new ClientMethod(client, method);
	}

	MethodInvoker parse() {
		HttpExchangeMapping mapping = HttpExchangeMapping.of(this.method);
		WxMethod httpMethod = mapping.httpMethod();
		mapping.refuseVersion();
		Map<String, String> headers = mapping.headers();
		boolean form = httpMethod != WxMethod.GET && httpMethod != WxMethod.HEAD && HttpExchangeMapping.isForm(headers);
		ExchangeParameters parameters = ExchangeParameters.read(this.method);
		ReturnType returnType = ReturnType.of(this.method);
		TaskKind kind = KindRules.of(this.method, parameters, returnType);
		KindRules.check(kind, this.method, httpMethod, parameters, form);
		String url = mapping.url();
		UrlTemplate template = UrlTemplate.compile(url, parameters.pathVariables(url));
		ArgumentBinder[] binders = parameters.binders(form, this.method.client().mapper());
		TaskStarter starter = starter(kind, httpMethod, headers, parameters, returnType);
		return new ExchangeInvoker(template, binders, starter, ResultAdapterFactory.of(this.method, kind, returnType));
	}

	/** The kind's starter; a template that is not there (auto-configuration excluded) refuses the method. */
	private TaskStarter starter(TaskKind kind, WxMethod httpMethod, Map<String, String> headers,
			ExchangeParameters parameters, ReturnType returnType) {
		WxOptionsResolver options = new WxOptionsResolver(this.method);
		Duration timeout = options.timeout();
		ClientContext client = this.method.client();
		try {
			return switch (kind) {
				case REQUEST -> new RequestStarter(client.requestTemplate(), httpMethod, headers,
						options.dataType(returnType), options.responseType(returnType), timeout);
				case UPLOAD -> new UploadStarter(client.uploadTemplate(), parameters.filePartName(), headers, timeout);
				case DOWNLOAD -> new DownloadStarter(client.downloadTemplate(), headers, timeout);
			};
		}
		catch (IllegalArgumentException ex) {
			throw this.method.fail(ex.getMessage());
		}
	}

}
