package io.github.wxnetwork.sample.relay;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * What the relay answers when the upstream cannot: an item marked unavailable. Named in
 * {@code @WxClient(fallback)}; the client stays the bean injected as {@link UpstreamCatalog}.
 */
@Component
class UpstreamCatalogFallback implements UpstreamCatalog {

	@Override
	public CompletableFuture<Item> item(int id) {
		return CompletableFuture.completedFuture(unavailable(id));
	}

	@Override
	public ResponseEntity<Item> itemEntity(int id) {
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).body(unavailable(id));
	}

	private static Item unavailable(int id) {
		return new Item(id, "unavailable", List.of("fallback"));
	}

}
