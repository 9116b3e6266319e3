package io.github.wxnetwork.client;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.wxnetwork.client.ExchangeParameter.Role;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.core.MethodParameter;
import org.springframework.core.ParameterNameDiscoverer;

/**
 * All parameters of a mapped method, in order: what the checks that look across parameters ask (how
 * many bodies, which path variables) and the binders a call walks.
 */
final class ExchangeParameters {

	private static final ParameterNameDiscoverer NAMES = new DefaultParameterNameDiscoverer();

	private final ClientMethod method;

	private final List<ExchangeParameter> parameters;

	private ExchangeParameters(ClientMethod method, List<ExchangeParameter> parameters) {
		this.method = method;
		this.parameters = parameters;
	}

	/** Reads every parameter's annotation, refusing the first that cannot be mapped. */
	static ExchangeParameters read(ClientMethod method) {
		List<ExchangeParameter> parameters = new ArrayList<>();
		for (int i = 0; i < method.method().getParameterCount(); i++) {
			MethodParameter parameter = new MethodParameter(method.method(), i);
			parameter.initParameterNameDiscovery(NAMES);
			parameters.add(ExchangeParameter.read(method, parameter));
		}
		return new ExchangeParameters(method, parameters);
	}

	/** The positions of the parameters of one role, in order. */
	List<Integer> indexes(Role role) {
		List<Integer> indexes = new ArrayList<>();
		for (ExchangeParameter parameter : this.parameters) {
			if (parameter.role() == role) {
				indexes.add(parameter.index());
			}
		}
		return indexes;
	}

	long count(Role role) {
		return this.parameters.stream().filter((parameter) -> parameter.role() == role).count();
	}

	/** The name of the file part; only asked of an upload, which has exactly one. */
	String filePartName() {
		return this.parameters.stream()
			.filter((parameter) -> parameter.role() == Role.FILE_PART)
			.findFirst()
			.orElseThrow()
			.name();
	}

	/**
	 * Binds every {@code {variable}} of the URL to its {@code @PathVariable} parameter; a variable without
	 * a parameter, or a parameter without a variable, is refused.
	 * @param url the full URL, placeholders resolved
	 */
	Map<String, UrlTemplate.PathVariableSlot> pathVariables(String url) {
		Set<String> variables;
		try {
			variables = UrlTemplate.variableNames(url);
		}
		catch (IllegalArgumentException ex) {
			throw this.method.fail(ex.getMessage());
		}
		Map<String, UrlTemplate.PathVariableSlot> slots = new LinkedHashMap<>();
		for (ExchangeParameter parameter : this.parameters) {
			if (parameter.role() != Role.PATH) {
				continue;
			}
			if (!variables.contains(parameter.name())) {
				throw this.method
					.fail("@PathVariable \"" + parameter.name() + "\" is not a variable of the url \"" + url + "\"");
			}
			if (slots.put(parameter.name(),
					new UrlTemplate.PathVariableSlot(parameter.index(), parameter.required())) != null) {
				throw this.method.fail("two parameters are @PathVariable \"" + parameter.name() + "\"");
			}
		}
		for (String variable : variables) {
			if (!slots.containsKey(variable)) {
				throw this.method.fail("the url \"" + url + "\" has the variable {" + variable
						+ "} and no @PathVariable \"" + variable + "\" parameter");
			}
		}
		return slots;
	}

	/** One binder per parameter, by position; null for the path variables. */
	ArgumentBinder[] binders(boolean form, JsonMapper mapper) {
		ArgumentBinder[] binders = new ArgumentBinder[this.parameters.size()];
		for (ExchangeParameter parameter : this.parameters) {
			binders[parameter.index()] = parameter.binder(form, mapper);
		}
		return binders;
	}

}
