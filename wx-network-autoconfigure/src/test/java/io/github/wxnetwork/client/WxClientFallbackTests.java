package io.github.wxnetwork.client;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.wxnetwork.RequestTask;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.service.annotation.GetExchange;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** {@code @WxClient(fallback = X.class)}: a bean of the interface answers the calls that fail. */
class WxClientFallbackTests extends WxClientTestSupport {

	@WxClient(name = "menu", url = "${test.url}", fallback = CachedMenu.class)
	interface Menu {

		@GetExchange("/items/{id}")
		Item item(@PathVariable String id);

		@GetExchange("/items/{id}")
		CompletableFuture<Item> itemLater(@PathVariable String id);

		@GetExchange("/search")
		List<Item> search(@RequestParam String q);

		@GetExchange("/items/{id}")
		RequestTask task(@PathVariable String id);

		default String describe(String id) {
			return "item " + item(id).name();
		}

	}

	/** The fallback: a bean implementing the interface; it counts its answers. */
	static class CachedMenu implements Menu {

		final AtomicInteger answers = new AtomicInteger();

		@Override
		public Item item(String id) {
			this.answers.incrementAndGet();
			return new Item(0, "cached " + id);
		}

		@Override
		public CompletableFuture<Item> itemLater(String id) {
			return CompletableFuture.completedFuture(item(id));
		}

		@Override
		public List<Item> search(String q) {
			return List.of(item(q));
		}

		@Override
		public RequestTask task(String id) {
			throw new AssertionError("tasks are not answered by the fallback");
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class WithFallback {

		@Bean
		CachedMenu cachedMenu() {
			return new CachedMenu();
		}

	}

	@WxClient(name = "strangers", url = "${test.url}", fallback = String.class)
	interface NotImplemented {

		@GetExchange("/items/{id}")
		Item item(@PathVariable String id);

	}

	@BeforeEach
	void stub() {
		server.stubFor(get("/items/1").willReturn(aResponse().withHeader("Content-Type", "application/json")
			.withBody("{\"id\":1,\"name\":\"tea\"}")));
		server.stubFor(get("/items/404").willReturn(aResponse().withStatus(404)));
		server.stubFor(get("/items/503").willReturn(aResponse().withStatus(503)));
		server.stubFor(get(urlPathEqualTo("/search")).willReturn(aResponse().withStatus(500)));
	}

	@Test
	void aSucceedingCallIsTheServersAnswer() {
		run((menu, fallback) -> {
			assertThat(menu.item("1")).isEqualTo(new Item(1, "tea"));
			assertThat(menu.itemLater("1").get(10, TimeUnit.SECONDS)).isEqualTo(new Item(1, "tea"));
			assertThat(fallback.answers).hasValue(0);
		});
	}

	@Test
	void errorStatusesAreAnsweredByTheFallback() {
		run((menu, fallback) -> {
			assertThat(menu.item("404")).isEqualTo(new Item(0, "cached 404"));
			assertThat(menu.search("tea")).containsExactly(new Item(0, "cached tea"));
			assertThat(menu.describe("503")).isEqualTo("item cached 503");
			assertThat(fallback.answers).hasValue(3);
		});
	}

	@Test
	void aFailedFutureIsAnsweredByTheFallbacksFuture() {
		run((menu, fallback) -> assertThat(menu.itemLater("503").get(10, TimeUnit.SECONDS))
			.isEqualTo(new Item(0, "cached 503")));
	}

	@Test
	void networkFailuresAreAnsweredByTheFallback() {
		runner().withUserConfiguration(WithFallback.class)
			.withInitializer(clients(Menu.class))
			.withPropertyValues("test.url=http://127.0.0.1:9")
			.run((context) -> assertThat(context.getBean(Menu.class).item("1")).isEqualTo(new Item(0, "cached 1")));
	}

	@Test
	void mistakesAndTasksAreNotAnswered() {
		run((menu, fallback) -> {
			assertThatIllegalArgumentException().isThrownBy(() -> menu.item(null));
			assertThat(menu.task("503").join().statusCode()).isEqualTo(503);
			assertThat(fallback.answers).hasValue(0);
		});
	}

	@Test
	void theClientIsThePrimaryBeanOfItsInterface() {
		runner().withUserConfiguration(WithFallback.class).withInitializer(clients(Menu.class)).run((context) -> {
			assertThat(context.getBeansOfType(Menu.class)).hasSize(2);
			assertThat(context.getBean(Menu.class)).isNotInstanceOf(CachedMenu.class);
		});
	}

	@Test
	void aFallbackThatIsNotABeanStopsStartUp() {
		runner().withInitializer(clients(Menu.class)).run((context) -> assertThat(context).getFailure()
			.rootCause()
			.isInstanceOf(WxClientDefinitionException.class)
			.hasMessageContaining(CachedMenu.class.getName() + " is not a bean"));
	}

	@Test
	void aFallbackThatDoesNotImplementTheInterfaceStopsStartUp() {
		runner().withInitializer(clients(NotImplemented.class)).run((context) -> assertThat(context).getFailure()
			.rootCause()
			.isInstanceOf(WxClientDefinitionException.class)
			.hasMessageContaining("java.lang.String is not a class that implements the interface"));
	}

	private void run(FallbackCheck check) {
		runner().withUserConfiguration(WithFallback.class)
			.withInitializer(clients(Menu.class))
			.run((context) -> check.accept(context.getBean(Menu.class), context.getBean(CachedMenu.class)));
	}

	@FunctionalInterface
	interface FallbackCheck {

		void accept(Menu menu, CachedMenu fallback) throws Exception;

	}

}
