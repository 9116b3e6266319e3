package io.github.wxnetwork.client;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Locale;
import java.util.Map;

import io.github.wxnetwork.WxDownloadTemplate;
import io.github.wxnetwork.WxRequestTemplate;
import io.github.wxnetwork.WxUploadTemplate;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.FactoryBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * Makes the bean of one {@link WxClient} interface: a JDK proxy over invokers that were all built when
 * this factory was initialised. Building them there, and not on first use, is what makes a broken
 * mapping stop the application's start-up: Spring initialises every singleton factory bean while the
 * context refreshes, even when nothing has asked for the client yet.
 *
 * @param <T> the client interface
 */
public final class WxClientFactoryBean<T> implements FactoryBean<T>, InitializingBean, BeanFactoryAware,
		EnvironmentAware {

	private static final WxClientProperties.Client NO_SETTINGS = new WxClientProperties.Client();

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
		String name = StringUtils.hasText(annotation.name()) ? annotation.name().trim()
				: StringUtils.uncapitalize(this.type.getSimpleName());
		WxClientProperties properties = this.beanFactory.getBeanProvider(WxClientProperties.class)
			.getIfAvailable(this::bindProperties);
		WxClientProperties.Client settings = settings(properties.getClients(), name);
		String url = (settings.getUrl() != null) ? settings.getUrl() : annotation.url();
		JsonMapper mapper = this.beanFactory.getBeanProvider(JsonMapper.class).getIfAvailable(JsonMapper::shared);
		ClientContext context = new ClientContext(this.type, name, url, settings, this.environment, mapper,
				this.beanFactory.getBeanProvider(WxRequestTemplate.class),
				this.beanFactory.getBeanProvider(WxUploadTemplate.class),
				this.beanFactory.getBeanProvider(WxDownloadTemplate.class));
		Map<Method, MethodInvoker> invokers = WxClientParser.parse(context);
		this.client = this.type.cast(Proxy.newProxyInstance(this.type.getClassLoader(), new Class<?>[] { this.type },
				new WxClientInvocationHandler(invokers)));
	}

	/** Without the auto-configuration (a plain {@code @EnableWxClients} set-up) the properties are bound here. */
	private WxClientProperties bindProperties() {
		return Binder.get(this.environment).bindOrCreate("wx.network", WxClientProperties.class);
	}

	/**
	 * The client's settings. Property keys are matched relaxedly ({@code myShop}, {@code my-shop} and
	 * {@code myshop} are one name), since Spring Boot's binder does not keep a key's case in every
	 * property source.
	 */
	private static WxClientProperties.Client settings(Map<String, WxClientProperties.Client> clients, String name) {
		WxClientProperties.Client exact = clients.get(name);
		if (exact != null) {
			return exact;
		}
		String wanted = relaxed(name);
		for (Map.Entry<String, WxClientProperties.Client> entry : clients.entrySet()) {
			if (relaxed(entry.getKey()).equals(wanted)) {
				return entry.getValue();
			}
		}
		return NO_SETTINGS;
	}

	private static String relaxed(String name) {
		return name.replace("-", "").replace("_", "").toLowerCase(Locale.ROOT);
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
