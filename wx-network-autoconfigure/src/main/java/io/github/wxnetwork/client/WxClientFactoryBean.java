package io.github.wxnetwork.client;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import io.github.wxnetwork.TaskKind;
import io.github.wxnetwork.WxDownloadTemplate;
import io.github.wxnetwork.WxRequestTemplate;
import io.github.wxnetwork.WxUploadTemplate;
import io.github.wxnetwork.engine.ClientTemplate;
import io.github.wxnetwork.engine.TaskRoute;
import io.github.wxnetwork.resilience.ResiliencePolicies;
import io.github.wxnetwork.resilience.ResiliencePolicy;
import io.github.wxnetwork.wire.WireLogging;
import org.aopalliance.intercept.MethodInterceptor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.FactoryBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.env.Environment;
import org.springframework.util.function.SingletonSupplier;
import org.springframework.web.service.invoker.HttpServiceProxyFactory;

/**
 * Makes the bean of one {@link WxClient} interface: a proxy from Spring's {@link HttpServiceProxyFactory}
 * over wx-network's {@link WxExchangeAdapter}, so that every mapping rule is Spring's own. Every method is
 * planned when this factory is initialised, and not on first use: that is what makes a broken mapping
 * stop the application's start-up, since Spring initialises every singleton factory bean while the
 * context refreshes, even when nothing has asked for the client yet.
 *
 * @param <T> the client interface
 */
public final class WxClientFactoryBean<T> implements FactoryBean<T>, InitializingBean, BeanFactoryAware,
		EnvironmentAware {

	private static final Logger logger = LoggerFactory.getLogger(WxClientFactoryBean.class);


	private final Class<T> type;

	private BeanFactory beanFactory;

	private Environment environment;

	private T client;

	public WxClientFactoryBean(Class<T> type) {
		this.type = type;
	}

	@Override
	public void setBeanFactory(BeanFactory beanFactory) {
		this.beanFactory = beanFactory;
	}

	@Override
	public void setEnvironment(Environment environment) {
		this.environment = environment;
	}

	@Override
	public void afterPropertiesSet() {
		WxClient annotation = AnnotatedElementUtils.findMergedAnnotation(this.type, WxClient.class);
		if (annotation == null) {
			throw new WxClientDefinitionException(this.type, "it is not annotated @WxClient");
		}
		String name = WxClientRegistrations.clientName(this.type);
		WxClientProperties.Client properties = properties(name);
		ClientSettings client = settings(annotation, name, properties);
		Map<Method, MethodPlan> plans = MethodPlanner.plan(client);
		Set<TaskKind> kinds = EnumSet.noneOf(TaskKind.class);
		plans.values().forEach((plan) -> kinds.add(plan.kind()));
		ResiliencePolicy policy = policy(name, properties);
		WireLogging wireLogging = this.beanFactory.getBeanProvider(WireLogging.class)
			.getIfAvailable(() -> WireLogging.NONE);
		TaskRoute route = new TaskRoute(policy,
				ClientTransports.resolve(this.type, annotation, name, properties, this.beanFactory),
				wireLogging.at((properties.logging() != null) ? properties.logging().level() : null), name, null);
		boolean ownTransport = ClientTransports.hasOwn(annotation, properties);
		WxExchangeAdapter adapter = new WxExchangeAdapter(client, plans.values(),
				template(kinds, TaskKind.REQUEST, WxRequestTemplate.class, route, ownTransport),
				template(kinds, TaskKind.UPLOAD, WxUploadTemplate.class, route, ownTransport),
				template(kinds, TaskKind.DOWNLOAD, WxDownloadTemplate.class, route, ownTransport));
		MethodInterceptor fallback = fallback(annotation, plans);
		HttpServiceProxyFactory factory = HttpServiceProxyFactory.builderFor(adapter)
			.embeddedValueResolver(client.placeholders())
			.conversionService(ApplicationConversionService.getSharedInstance())
			.customArgumentResolver(WxExchangeAdapter::resolveFilePath)
			.httpRequestValuesProcessor((method, parameters, arguments, values) -> values
				.addAttribute(WxExchangeAdapter.PLAN, plans.get(method)))
			.proxyFactoryCustomizer((proxy, type) -> {
				proxy.addAdvice(0, new ProxyMethods(this.type, client.description()));
				if (fallback != null) {
					proxy.addAdvice(1, fallback);
				}
			})
			.build();
		try {
			this.client = factory.createClient(this.type);
		}
		catch (WxClientDefinitionException ex) {
			throw ex;
		}
		catch (IllegalStateException | IllegalArgumentException ex) {
			throw new WxClientDefinitionException(this.type, ex.getMessage());
		}
	}

	private WxClientProperties.Client properties(String name) {
		WxClientProperties properties = this.beanFactory.getBeanProvider(WxClientProperties.class)
			.getIfAvailable(() -> WxClientProperties.bind(this.environment));
		return properties.client(name);
	}

	/**
	 * The client's retry and circuit breaker (Resilience4j instance {@code wx-<name>}); none without
	 * wx-network's auto-configuration.
	 */
	private ResiliencePolicy policy(String name, WxClientProperties.Client settings) {
		for (TaskKind kind : TaskKind.values()) {
			if (kind.type().equals(name)) {
				throw new WxClientDefinitionException(this.type, "its name \"" + name + "\" would share the Resilience4j "
						+ "instances of the " + name + " template (" + ResiliencePolicies.instanceName(name)
						+ "): give it another name");
			}
		}
		if (settings.retry() != null) {
			settings.retry().validate("wx.network.clients." + name + ".retry");
		}
		ResiliencePolicies policies = this.beanFactory.getBeanProvider(ResiliencePolicies.class).getIfAvailable();
		return (policies != null) ? policies.forClient(name, settings.retry(), settings.circuitBreaker().enabled())
				: ResiliencePolicy.NONE;
	}

	private ClientSettings settings(WxClient annotation, String name, WxClientProperties.Client settings) {
		String url = (settings.effectiveBaseUrl() != null) ? settings.effectiveBaseUrl() : annotation.url();
		String baseUrl;
		try {
			baseUrl = this.environment.resolveRequiredPlaceholders(url).trim();
		}
		catch (IllegalArgumentException ex) {
			throw new WxClientDefinitionException(this.type,
					"its url \"" + url + "\" cannot be resolved: " + ex.getMessage());
		}
		JsonMapper mapper = this.beanFactory.getBeanProvider(JsonMapper.class).getIfAvailable(JsonMapper::shared);
		return new ClientSettings(this.type, name, baseUrl, settings.effectiveDefaultHeaders(), settings.timeout(),
				settings.throwOnErrorStatus(), mapper, this.environment::resolveRequiredPlaceholders);
	}

	/**
	 * The template of a kind the client uses, with the client's policy and transport; a kind it never uses
	 * needs no template. A template the application replaced is used as it is: the client's own transport
	 * settings cannot apply to it, which stops start-up.
	 * @param ownTransport whether the client has transport settings of its own (not only the templates')
	 */
	private <S> S template(Set<TaskKind> kinds, TaskKind kind, Class<S> templateType, TaskRoute route,
			boolean ownTransport) {
		if (!kinds.contains(kind)) {
			return null;
		}
		S template = this.beanFactory.getBeanProvider(templateType).getIfAvailable();
		if (template == null) {
			throw new WxClientDefinitionException(this.type, "there is no " + templateType.getSimpleName()
					+ " bean to carry out its " + kind.type() + " methods (is WxNetworkAutoConfiguration excluded?)");
		}
		if (template instanceof ClientTemplate<?> derivable) {
			return templateType.cast(derivable.withRoute(route));
		}
		if (ownTransport) {
			throw new WxClientDefinitionException(this.type, "its ssl bundle, proxy or interceptors cannot apply to "
					+ "its " + kind.type() + " methods, whose " + templateType.getSimpleName()
					+ " bean is the application's own");
		}
		if (route.policy().isActive() || route.wireLog() != null) {
			logger.warn("@WxClient {}: its retry, circuit breaker, wire logging and metric tags do not apply to its {} "
					+ "methods, whose {} bean is the application's own", this.type.getName(), kind.type(),
					templateType.getSimpleName());
		}
		return template;
	}

	private MethodInterceptor fallback(WxClient annotation, Map<Method, MethodPlan> plans) {
		Class<?> fallbackType = annotation.fallback();
		if (fallbackType == void.class) {
			return null;
		}
		if (!this.type.isAssignableFrom(fallbackType) || fallbackType.isInterface()
				|| Modifier.isAbstract(fallbackType.getModifiers())) {
			throw new WxClientDefinitionException(this.type,
					"its fallback " + fallbackType.getName() + " is not a class that implements the interface");
		}
		if (this.beanFactory instanceof ListableBeanFactory beans
				&& beans.getBeanNamesForType(fallbackType, true, false).length == 0) {
			throw new WxClientDefinitionException(this.type, "its fallback " + fallbackType.getName() + " is not a bean");
		}
		Set<Method> covered = new HashSet<>();
		plans.forEach((method, plan) -> {
			if (plan.shape().form() != ReturnShape.Form.TASK) {
				covered.add(method);
			}
		});
		return new WxClientFallback(covered, SingletonSupplier.of(() -> this.beanFactory.getBean(fallbackType)));
	}

	@Override
	public T getObject() {
		return this.client;
	}

	@Override
	public Class<T> getObjectType() {
		return this.type;
	}

	@Override
	public boolean isSingleton() {
		return true;
	}

}
