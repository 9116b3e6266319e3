package io.github.wxnetwork.sample.relay;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.github.wxnetwork.client.WxClient;
import io.github.wxnetwork.client.WxOptions;
import io.github.wxnetwork.sample.signing.UpstreamSigner;

import org.springframework.context.annotation.Lazy;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.HttpExchange;

/**
 * The upstream's JSON, declared the Spring way and carried out by {@code wx.request}. {@code @Lazy}
 * because the default upstream is this app itself, whose port is known only once it has started. An
 * error status is Spring's {@code HttpClientErrorException}, which {@link UpstreamCatalogFallback}
 * answers. Every call is signed by {@link UpstreamSigner}, an interceptor of this client only.
 */
@WxClient(name = "upstream", url = "${relay.upstream-url:http://127.0.0.1:${local.server.port}/upstream}",
		fallback = UpstreamCatalogFallback.class, interceptors = UpstreamSigner.class)
@HttpExchange("/items")
@WxOptions(timeout = "10s")
@Lazy
public interface UpstreamCatalog {

	/** An item of the catalog. */
	record Item(int id, String name, List<String> tags) {
	}

	/** Answered from the HTTP cache while the upstream says the item is fresh ({@code wx.network.cache.*}). */
	@GetExchange("/{id}")
	@WxOptions(enableCache = true)
	CompletableFuture<Item> item(@PathVariable int id);

	/** The item with the upstream's status and headers. */
	@GetExchange("/{id}")
	ResponseEntity<Item> itemEntity(@PathVariable int id);

}
