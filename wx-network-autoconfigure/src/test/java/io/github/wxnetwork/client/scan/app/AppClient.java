package io.github.wxnetwork.client.scan.app;

import io.github.wxnetwork.client.WxClient;

import org.springframework.web.service.annotation.GetExchange;

@WxClient(name = "app", url = "${test.url}")
public interface AppClient {

	@GetExchange("/app")
	String hello();

}
