package io.github.wxnetwork.client.scan.explicit;

import io.github.wxnetwork.client.WxClient;

import org.springframework.web.service.annotation.GetExchange;

@WxClient(name = "explicit", url = "${test.url}")
public interface ExplicitClient {

	@GetExchange("/explicit")
	String hello();

}
