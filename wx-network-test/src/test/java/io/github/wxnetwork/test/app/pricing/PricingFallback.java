package io.github.wxnetwork.test.app.pricing;

import org.springframework.stereotype.Component;

/** What the pricing client answers when the call fails. */
@Component
class PricingFallback implements PricingClient {

	@Override
	public String quote(String sku) {
		return "no quote for " + sku;
	}

	@Override
	public String history(String sku) {
		return "no history for " + sku;
	}

}
