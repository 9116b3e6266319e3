package io.github.wxnetwork.client;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import io.github.wxnetwork.DownloadTask;
import io.github.wxnetwork.Redirect;
import io.github.wxnetwork.RequestSuccess;
import io.github.wxnetwork.UploadTask;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.context.annotation.Configuration;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.HttpExchange;
import org.springframework.web.service.annotation.PatchExchange;
import org.springframework.web.service.annotation.PostExchange;
import org.springframework.web.service.annotation.PutExchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Named.named;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * A method that cannot be mapped stops the application context from starting, with a message that
 * names the interface and the method. No bean asks for these clients: the failure comes from start-up
 * alone.
 */
class WxClientStartupFailureTests extends WxClientTestSupport {

	@WxClient(url = "${test.url}")
	interface TwoBodies {

		@PostExchange("/items")
		RequestSuccess create(@RequestBody Item first, @RequestBody Item second);

	}

	@WxClient(url = "${test.url}")
	interface UnknownReturnType {

		@GetExchange("/items")
		Future<Item> item();

	}

	@WxClient(url = "${test.url}")
	interface NoExchangeAnnotation {

		Item item();

	}

	@WxClient(url = "${test.url}")
	interface Patch {

		@PatchExchange("/items/{id}")
		Item patch(@PathVariable int id, @RequestBody Item item);

	}

	@WxClient(name = "nowhere")
	interface MissingUrl {

		@GetExchange("/items")
		List<Item> items();

	}

	@WxClient(url = "${missing.base.url}")
	interface UnresolvableUrl {

		@GetExchange("/items")
		List<Item> items();

	}

	@WxClient(url = "${test.url}")
	interface UnresolvableMethodUrl {

		@GetExchange("${missing.path}")
		List<Item> items();

	}

	@WxClient(url = "${test.url}")
	interface UploadTaskWithoutFile {

		@PostExchange("/upload")
		UploadTask upload(@RequestPart("name") String name);

	}

	@WxClient(url = "${test.url}")
	interface UnannotatedParameter {

		@GetExchange("/items")
		Item item(String id);

	}

	@WxClient(url = "${test.url}")
	interface UnboundUrlVariable {

		@GetExchange("/items/{id}")
		Item item();

	}

	@WxClient(url = "${test.url}")
	interface UploadWithPut {

		@PutExchange("/upload")
		UploadTask upload(@RequestPart("file") Path file);

	}

	@WxClient(url = "${test.url}")
	interface DownloadWithPost {

		@PostExchange("/file")
		DownloadTask download();

	}

	@WxClient(url = "${test.url}")
	interface BadTimeout {

		@GetExchange("/items")
		@WxOptions(timeout = "soon")
		Item item();

	}

	@WxClient(url = "${test.url}")
	interface Connect {

		@HttpExchange(method = "CONNECT", url = "/tunnel")
		RequestSuccess tunnel();

	}

	@WxClient(url = "${test.url}")
	interface RawFuture {

		@SuppressWarnings("rawtypes")
		@GetExchange("/items")
		CompletableFuture items();

	}

	@WxClient(url = "${test.url}")
	interface GetWithBody {

		@GetExchange("/items")
		List<Item> items(@RequestBody Item filter);

	}

	@WxClient(url = "${test.url}")
	interface StreamResult {

		@GetExchange("/items")
		java.io.InputStream items();

	}

	@WxClient(url = "${test.url}")
	interface GoodThenBad {

		@GetExchange("/items")
		List<Item> items();

		@PostExchange("/items")
		Item zzz(@RequestBody Item body, @RequestBody Item other);

	}

	@WxClient(url = "${test.url}")
	interface ChunkedData {

		@GetExchange("/items")
		@WxOptions(enableChunked = true)
		List<Item> items();

	}

	@WxClient(url = "${test.url}")
	interface TwoRedirects {

		@GetExchange("/items")
		@WxOptions(redirect = { Redirect.FOLLOW, Redirect.MANUAL })
		RequestSuccess items();

	}

	@WxClient(url = "${test.url}")
	interface CacheOnADownload {

		@GetExchange("/file")
		@WxOptions(enableCache = true)
		DownloadTask download();

	}

	@WxClient(url = "${test.url}")
	static final class NotAnInterface {

	}

	@Configuration(proxyBeanMethods = false)
	@EnableWxClients(clients = TwoBodies.class)
	static class EnableBroken {

	}

	@Configuration(proxyBeanMethods = false)
	@EnableWxClients(clients = NotAnInterface.class)
	static class EnableClass {

	}

	/** Each case: the client, the method the message must name, and the reason it must give. */
	static Stream<Arguments> unmappableClients() {
		return Stream.of(failure("twoBodies", TwoBodies.class, "create(Item, Item)", "2 bodies"),
				failure("unknownReturnType", UnknownReturnType.class, "item()",
						"java.util.concurrent.Future<" + Item.class.getName() + "> is not supported"),
				failure("noExchangeAnnotation", NoExchangeAnnotation.class, "item()", "has no @GetExchange"),
				failure("patchIsRefusedBecauseWeChatHasNoPatch", Patch.class, "patch(int, Item)",
						"WeChat has no PATCH"),
				failure("missingUrl", MissingUrl.class, "items()", "has no absolute url"),
				failure("unresolvablePlaceholderInTheMethodUrl", UnresolvableMethodUrl.class, "items()",
						"missing.path"),
				failure("uploadTaskWithoutAFilePart", UploadTaskWithoutFile.class, "upload(String)",
						"UploadTask needs the file to send"),
				failure("unannotatedParameter", UnannotatedParameter.class, "item(String)",
						"parameter #0 (String id) has no annotation"),
				failure("urlVariableWithoutPathVariable", UnboundUrlVariable.class, "item()", "{id}"),
				failure("uploadMustPost", UploadWithPut.class, "upload(Path)", "uploadFile always POSTs"),
				failure("downloadMustGet", DownloadWithPost.class, "download()", "downloadFile always GETs"),
				failure("timeoutThatIsNotADuration", BadTimeout.class, "item()",
						"timeout = \"soon\") is not a duration"),
				failure("connectIsRefused", Connect.class, "tunnel()", "CONNECT"),
				failure("futureWithoutTypeArgument", RawFuture.class, "items()",
						"CompletableFuture needs its type argument"),
				failure("bodyOnAGet", GetWithBody.class, "items(Item)", "a GET sends none"),
				failure("inputStreamResult", StreamResult.class, "items()", "InputStream is not supported"),
				failure("theBrokenMethodIsNamedEvenAfterGoodOnes", GoodThenBad.class, "zzz(Item, Item)",
						"2 bodies"),
				failure("enableChunkedKeepsNoDataToDecode", ChunkedData.class, "items()",
						"@WxOptions(enableChunked) hands the body to chunk listeners"),
				failure("aSwitchTakesOneValue", TwoRedirects.class, "items()", "@WxOptions(redirect) takes one value"),
				failure("enableCacheIsARequestOption", CacheOnADownload.class, "download()",
						"are options of wx.request, and this method is a download"));
	}

	private static Arguments failure(String name, Class<?> client, String method, String reason) {
		return arguments(named(name, client), method, reason);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("unmappableClients")
	void unmappableMethodStopsStartUp(Class<?> client, String method, String reason) {
		runner().withInitializer(clients(client)).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(WxClientDefinitionException.class)
				.hasMessageContaining(client.getName() + "." + method)
				.hasMessageContaining(reason);
		});
	}

	@Test
	void unresolvablePlaceholderInTheClientUrlNamesTheInterface() {
		runner().withInitializer(clients(UnresolvableUrl.class)).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(WxClientDefinitionException.class)
				.hasMessageContaining("@WxClient " + UnresolvableUrl.class.getName())
				.hasMessageContaining("missing.base.url");
		});
	}

	@Test
	void enableWxClientsFailsTheSameWay() {
		runner().withUserConfiguration(EnableBroken.class).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(WxClientDefinitionException.class)
				.hasMessageContaining(TwoBodies.class.getName() + ".create(Item, Item)");
		});
	}

	@Test
	void annotatedClassIsRefused() {
		runner().withUserConfiguration(EnableClass.class).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure()))
				.isInstanceOf(WxClientDefinitionException.class)
				.hasMessageContaining(NotAnInterface.class.getName())
				.hasMessageContaining("goes on an interface");
		});
	}

}
