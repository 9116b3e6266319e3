package io.github.wxnetwork.client;

import java.util.ArrayList;
import java.util.List;

import io.github.wxnetwork.engine.Transport;
import io.github.wxnetwork.transport.ProxySetting;
import io.github.wxnetwork.transport.Transports;
import okhttp3.Interceptor;

import org.springframework.beans.BeanUtils;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.config.AutowireCapableBeanFactory;
import org.springframework.util.StringUtils;

/**
 * A {@code @WxClient}'s transport: its {@code ssl.bundle} and {@code proxy} over the templates' and its
 * {@code interceptors}, from wx-network's {@link Transports}. A bad value fails start-up, naming the
 * property or the client.
 */
final class ClientTransports {

	private ClientTransports() {
	}

	/** The transport, shared with clients of equal settings; null when there is nothing but the engine's. */
	static Transport resolve(Class<?> type, WxClient annotation, String name, WxClientProperties.Client settings,
			BeanFactory beanFactory) {
		ProxySetting proxy = ProxySetting.parse("wx.network.clients." + name + ".proxy", settings.proxy());
		String sslBundle = StringUtils.hasText(settings.ssl().bundle()) ? settings.ssl().bundle().trim() : null;
		Transports transports = beanFactory.getBeanProvider(Transports.class).getIfAvailable();
		if (transports == null) {
			if (hasOwn(annotation, settings)) {
				throw new WxClientDefinitionException(type, "its ssl bundle, proxy and interceptors need "
						+ "wx-network's auto-configuration (WxNetworkAutoConfiguration)");
			}
			return null;
		}
		List<Interceptor> interceptors = new ArrayList<>();
		for (Class<? extends Interceptor> interceptorType : annotation.interceptors()) {
			interceptors.add(interceptor(type, interceptorType, transports, beanFactory));
		}
		return transports.forClient(name, sslBundle, proxy, interceptors);
	}

	/** Whether the client sets a bundle, a proxy or interceptors of its own. */
	static boolean hasOwn(WxClient annotation, WxClientProperties.Client settings) {
		return annotation.interceptors().length > 0 || StringUtils.hasText(settings.ssl().bundle())
				|| StringUtils.hasText(settings.proxy());
	}

	/** The bean of an interceptor class, else one made once (with constructor injection) for every client. */
	private static Interceptor interceptor(Class<?> type, Class<? extends Interceptor> interceptorType,
			Transports transports, BeanFactory beanFactory) {
		try {
			Interceptor bean = beanFactory.getBeanProvider(interceptorType).getIfAvailable();
			if (bean != null) {
				return bean;
			}
			if (!(beanFactory instanceof AutowireCapableBeanFactory factory)) {
				return transports.interceptor(interceptorType, () -> BeanUtils.instantiateClass(interceptorType));
			}
			return transports.interceptor(interceptorType, () -> factory.createBean(interceptorType));
		}
		catch (BeansException ex) {
			throw new WxClientDefinitionException(type,
					"its interceptor " + interceptorType.getName() + " cannot be made: " + ex.getMostSpecificCause());
		}
	}

}
