package io.github.wxnetwork.bench;

import java.util.Map;

import io.github.wxnetwork.bench.wxapp.WxBenchApp;
import io.github.wxnetwork.bench.wxclient.BenchJsonApi;
import io.github.wxnetwork.bench.wxclient.WxClientBenchApp;

import org.springframework.context.ConfigurableApplicationContext;

/** A {@code @WxClient} proxy over the same auto-configured template: {@code api.json()} per call. */
public final class WxClientGet implements GetClient {

	private final ConfigurableApplicationContext context = WxBenchApp.start(WxClientBenchApp.class, Map.of());

	private final BenchJsonApi api = this.context.getBean(BenchJsonApi.class);

	private final boolean asObject = "object".equals(System.getProperty("bench.wxclient.method"));

	@Override
	public Object call() {
		return this.asObject ? this.api.jsonAsObject() : this.api.json();
	}

	@Override
	public void close() {
		this.context.close();
	}

}
