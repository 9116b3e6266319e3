package io.github.wxnetwork.test.app.pricing;

import io.github.wxnetwork.client.WxClient;

import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.service.annotation.GetExchange;

/** A client whose URL has a path, and a fallback. */
@WxClient(name = "pricing", url = "https://pricing.example.com/v2/", fallback = PricingFallback.class)
public interface PricingClient {

	@GetExchange("/quotes/{sku}")
	String quote(@PathVariable String sku);

}
