package io.github.wxnetwork.bench.wxclient;

import java.util.Map;

import io.github.wxnetwork.client.WxClient;

import org.springframework.web.service.annotation.GetExchange;

/** The declarative form of the small GET: a plain return type is the decoded data. */
@WxClient(name = "bench", url = "${bench.base}")
public interface BenchJsonApi {

	@GetExchange("/json")
	Map<String, Object> json();

	/** The same with {@code Object} (the data as parsed, no conversion); {@code -Dbench.wxclient.method=object}. */
	@GetExchange("/json")
	Object jsonAsObject();

}
