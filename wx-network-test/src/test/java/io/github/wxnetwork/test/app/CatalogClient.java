package io.github.wxnetwork.test.app;

import io.github.wxnetwork.RequestTask;
import io.github.wxnetwork.client.WxClient;

import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.service.annotation.GetExchange;

/** A client whose URL names a placeholder no test defines. */
@WxClient(url = "${catalog.url}", interceptors = TracingInterceptor.class)
public interface CatalogClient {

	/** An item of the catalog. */
	record Item(int id, String name) {
	}

	@GetExchange("/items/{id}")
	Item item(@PathVariable int id);

	@GetExchange("/items/{id}")
	RequestTask itemTask(@PathVariable int id);

}
