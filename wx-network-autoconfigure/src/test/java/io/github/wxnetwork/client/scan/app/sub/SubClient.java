package io.github.wxnetwork.client.scan.app.sub;

import io.github.wxnetwork.client.WxClient;

import org.springframework.web.service.annotation.GetExchange;

@WxClient(name = "sub", url = "${test.url}")
public interface SubClient {

	@GetExchange("/sub")
	String hello();

}
