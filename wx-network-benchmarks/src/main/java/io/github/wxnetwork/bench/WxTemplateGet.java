package io.github.wxnetwork.bench;

import io.github.wxnetwork.RequestOptions;
import io.github.wxnetwork.WxRequestTemplate;
import io.github.wxnetwork.bench.wxapp.WxBenchApp;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * wx-network's {@code WxRequestTemplate} from the auto-configuration: one task per call, joined; the body
 * parsed by the template (dataType json, the default). For the HTTPS rows the context gets an SSL bundle and
 * {@code wx.network.enable-http2} ({@link Tls#wxProperties()}, added by {@link WxBenchApp}).
 */
public final class WxTemplateGet implements GetClient {

	private final ConfigurableApplicationContext context = WxBenchApp.start();

	private final WxRequestTemplate template = this.context.getBean(WxRequestTemplate.class);

	private final String url = Config.jsonUrl();

	@Override
	public Object call() {
		return this.template.request(RequestOptions.builder(this.url).build()).join().data();
	}

	@Override
	public String protocol() {
		return this.template.request(RequestOptions.builder(this.url).build()).join().profile().protocol();
	}

	@Override
	public void close() {
		this.context.close();
	}

}
