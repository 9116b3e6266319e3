package io.github.wxnetwork.client;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;

import io.github.wxnetwork.DownloadTask;
import io.github.wxnetwork.RequestSuccess;
import io.github.wxnetwork.UploadTask;
import org.junit.jupiter.api.Test;

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
	interface GoodThenBad {

		@GetExchange("/items")
		List<Item> items();

		@GetExchange("/items")
		Item zzz(@RequestBody Item body, @RequestBody Item other);

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

	@Test
	void twoBodies() {
		assertFails(TwoBodies.class, "create(Item, Item)", "two bodies");
	}

	@Test
	void unknownReturnType() {
		assertFails(UnknownReturnType.class, "item()", "java.util.concurrent.Future<" + Item.class.getName()
				+ "> is not supported");
	}

	@Test
	void noExchangeAnnotation() {
		assertFails(NoExchangeAnnotation.class, "item()", "has no @GetExchange");
	}

	@Test
	void patchIsRefusedBecauseWeChatHasNoPatch() {
		assertFails(Patch.class, "patch(int, Item)", "WeChat has no PATCH");
	}

	@Test
	void missingUrl() {
		assertFails(MissingUrl.class, "items()", "has no absolute url");
	}

	@Test
	void unresolvablePlaceholderInTheClientUrl() {
		assertFails(UnresolvableUrl.class, "items()", "missing.base.url");
	}

	@Test
	void unresolvablePlaceholderInTheMethodUrl() {
		assertFails(UnresolvableMethodUrl.class, "items()", "missing.path");
	}

	@Test
	void uploadTaskWithoutAFilePart() {
		assertFails(UploadTaskWithoutFile.class, "upload(String)", "UploadTask needs the file to send");
	}

	@Test
	void unannotatedParameter() {
		assertFails(UnannotatedParameter.class, "item(String)", "parameter #0 (String id) has no annotation");
	}

	@Test
	void urlVariableWithoutPathVariable() {
		assertFails(UnboundUrlVariable.class, "item()", "{id}");
	}

	@Test
	void uploadMustPost() {
		assertFails(UploadWithPut.class, "upload(Path)", "uploadFile always POSTs");
	}

	@Test
	void downloadMustGet() {
		assertFails(DownloadWithPost.class, "download()", "downloadFile always GETs");
	}

	@Test
	void timeoutThatIsNotADuration() {
		assertFails(BadTimeout.class, "item()", "timeout = \"soon\") is not a duration");
	}

	@Test
	void connectIsRefused() {
		assertFails(Connect.class, "tunnel()", "CONNECT");
	}

	@Test
	void futureWithoutTypeArgument() {
		assertFails(RawFuture.class, "items()", "CompletableFuture needs its type argument");
	}

	@Test
	void theBrokenMethodIsNamedEvenAfterGoodOnes() {
		assertFails(GoodThenBad.class, "zzz(Item, Item)", "two bodies");
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

	private static void assertFails(Class<?> client, String method, String reason) {
		runner().withInitializer(clients(client)).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(WxClientDefinitionException.class)
				.hasMessageContaining(client.getName() + "." + method)
				.hasMessageContaining(reason);
		});
	}

}
