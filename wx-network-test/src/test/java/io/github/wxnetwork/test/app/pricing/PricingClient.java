package io.github.wxnetwork.test.app.pricing;

import io.github.wxnetwork.client.WxClient;

import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.service.annotation.GetExchange;

/** A client named through {@code value}, whose URL has a path and a query, and a fallback. */
@WxClient(value = "pricing", url = "https://pricing.example.com/v2/?currency=EUR", fallback = PricingFallback.class)
public interface PricingClient {

	@GetExchange("/quotes/{sku}")
	String quote(@PathVariable String sku);

	/** Relative: joined to the base URL's path after its trailing slash. */
	@GetExchange("quotes/{sku}/history")
	String history(@PathVariable String sku);

}
