package io.github.wxnetwork.request;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import io.github.wxnetwork.ChunkReceived;
import io.github.wxnetwork.HeadersReceived;
import io.github.wxnetwork.RequestOptions;
import io.github.wxnetwork.RequestSuccess;
import io.github.wxnetwork.RequestTask;
import io.github.wxnetwork.TaskState;
import io.github.wxnetwork.support.GatedLimiter;
import io.github.wxnetwork.support.WxTestKit;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * onHeadersReceived / onChunkReceived and their off methods. Tests that add or remove listeners on the
 * task hold it QUEUED with a {@link GatedLimiter} until they are done, so no event can slip past.
 */
class RequestTaskEventsTest extends RequestTestBase {

	private static final String BODY = bodyOf(4000);

	private static String bodyOf(int length) {
		StringBuilder body = new StringBuilder(length);
		for (int i = 0; body.length() < length; i++) {
			body.append(i).append(',');
		}
		return body.substring(0, length);
	}

	private void dribbledBody() {
		this.server.stubFor(get("/e").willReturn(aResponse().withStatus(201)
			.withHeader("Content-Type", "text/plain")
			.withHeader("X-Event", "yes")
			.withHeader("Set-Cookie", "s=1", "t=2")
			.withBody(BODY)
			.withChunkedDribbleDelay(5, 250)));
	}

	private GatedLimiter gatedKit() {
		GatedLimiter gate = new GatedLimiter();
		useKit(WxTestKit.builder().limiter(gate));
		return gate;
	}

	@Test
	void headersReceivedCarriesHeaderCookiesAndStatusBeforeSuccess() throws Exception {
		dribbledBody();
		List<String> order = Collections.synchronizedList(new ArrayList<>());
		AtomicReference<HeadersReceived> event = new AtomicReference<>();
		RequestSuccess success = await(request(RequestOptions.builder(url("/e"))
			.onHeadersReceived((h) -> {
				event.set(h);
				order.add("headers");
			})
			.onChunkReceived((c) -> order.add("chunk"))
			.success((s) -> order.add("success"))
			.complete(() -> order.add("complete"))));
		HeadersReceived headers = event.get();
		assertThat(headers.statusCode()).isEqualTo(201);
		assertThat(headers.header().get("x-event")).isEqualTo("yes");
		assertThat(headers.cookies()).containsExactly("s=1", "t=2");
		assertThat(headers.header()).isEqualTo(success.header());
		assertThat(order.get(0)).isEqualTo("headers");
		assertThat(order.subList(order.size() - 2, order.size())).containsExactly("success", "complete");
		assertThat(order).filteredOn("headers"::equals).hasSize(1);
	}

	@Test
	void chunksArriveInOrderAndTogetherAreTheBody() throws Exception {
		dribbledBody();
		List<byte[]> chunks = new CopyOnWriteArrayList<>();
		RequestSuccess success = await(request(RequestOptions.builder(url("/e")).onChunkReceived((c) -> chunks.add(c.data()))));
		assertThat(chunks).hasSizeGreaterThan(1);
		ByteArrayOutputStream all = new ByteArrayOutputStream();
		chunks.forEach(all::writeBytes);
		assertThat(all.toString(StandardCharsets.UTF_8)).isEqualTo(BODY);
		assertThat(success.data()).isEqualTo(BODY);
	}

	@Test
	void aListenerMayKeepAndScribbleOnItsChunkWithoutChangingData() throws Exception {
		dribbledBody();
		List<byte[]> kept = new CopyOnWriteArrayList<>();
		RequestSuccess success = await(request(RequestOptions.builder(url("/e")).onChunkReceived((c) -> {
			kept.add(c.data());
			java.util.Arrays.fill(c.data(), (byte) 'X');
		})));
		assertThat(success.data()).isEqualTo(BODY);
		assertThat(kept).hasSizeGreaterThan(1);
		assertThat(kept.stream().distinct()).as("no array reused between chunks").hasSize(kept.size());
		assertThat(kept.stream().mapToInt((c) -> c.length).sum()).isEqualTo(BODY.length());
	}

	@Test
	void listenersGivenInTheOptionsSeeEveryEvent() throws Exception {
		dribbledBody();
		AtomicInteger headers = new AtomicInteger();
		AtomicInteger bytes = new AtomicInteger();
		await(request(RequestOptions.builder(url("/e"))
			.onHeadersReceived((h) -> headers.incrementAndGet())
			.onChunkReceived((c) -> bytes.addAndGet(c.data().length))));
		assertThat(headers).hasValue(1);
		assertThat(bytes).hasValue(BODY.length());
	}

	@Test
	void listenersAddedToTheTaskSeeTheEventsFromThenOn() throws Exception {
		GatedLimiter gate = gatedKit();
		dribbledBody();
		AtomicInteger headers = new AtomicInteger();
		AtomicInteger bytes = new AtomicInteger();
		RequestTask task = request(RequestOptions.builder(url("/e")));
		task.onHeadersReceived((h) -> headers.incrementAndGet()).onChunkReceived((c) -> bytes.addAndGet(c.data().length));
		gate.open();
		await(task);
		assertThat(headers).hasValue(1);
		assertThat(bytes).hasValue(BODY.length());
	}

	@Test
	void offHeadersReceivedRemovesThatListenerInstanceOnly() throws Exception {
		GatedLimiter gate = gatedKit();
		dribbledBody();
		AtomicInteger removed = new AtomicInteger();
		AtomicInteger kept = new AtomicInteger();
		Consumer<HeadersReceived> removedListener = (h) -> removed.incrementAndGet();
		RequestTask task = request(RequestOptions.builder(url("/e")));
		task.onHeadersReceived(removedListener).onHeadersReceived((h) -> kept.incrementAndGet());
		task.offHeadersReceived(removedListener);
		gate.open();
		await(task);
		assertThat(removed).hasValue(0);
		assertThat(kept).hasValue(1);
	}

	@Test
	void offChunkReceivedRemovesThatListenerInstanceEvenOneFromTheOptions() throws Exception {
		GatedLimiter gate = gatedKit();
		dribbledBody();
		AtomicInteger removed = new AtomicInteger();
		AtomicInteger kept = new AtomicInteger();
		Consumer<ChunkReceived> removedListener = (c) -> removed.incrementAndGet();
		RequestTask task = request(RequestOptions.builder(url("/e")).onChunkReceived(removedListener));
		task.onChunkReceived((c) -> kept.incrementAndGet());
		task.offChunkReceived(removedListener);
		gate.open();
		await(task);
		assertThat(removed).hasValue(0);
		assertThat(kept.get()).isPositive();
	}

	@Test
	void offWithoutAnArgumentRemovesEveryListenerIncludingThoseFromTheOptions() throws Exception {
		GatedLimiter gate = gatedKit();
		dribbledBody();
		AtomicInteger events = new AtomicInteger();
		RequestTask task = request(RequestOptions.builder(url("/e"))
			.onHeadersReceived((h) -> events.incrementAndGet())
			.onChunkReceived((c) -> events.incrementAndGet()));
		task.onHeadersReceived((h) -> events.incrementAndGet()).onChunkReceived((c) -> events.incrementAndGet());
		task.offHeadersReceived().offChunkReceived();
		gate.open();
		RequestSuccess success = await(task);
		assertThat(events).hasValue(0);
		assertThat(success.data()).as("the body is still read without listeners").isEqualTo(BODY);
		assertThat(task.state()).isEqualTo(TaskState.SUCCEEDED);
	}

	@Test
	void aThrowingListenerHarmsNeitherTheOtherListenersNorTheTask() throws Exception {
		dribbledBody();
		AtomicInteger bytes = new AtomicInteger();
		RequestSuccess success = await(request(RequestOptions.builder(url("/e"))
			.onHeadersReceived((h) -> {
				throw new IllegalStateException("listener bug");
			})
			.onChunkReceived((c) -> {
				throw new IllegalStateException("listener bug");
			})
			.onChunkReceived((c) -> bytes.addAndGet(c.data().length))));
		assertThat(success.statusCode()).isEqualTo(201);
		assertThat(bytes).hasValue(BODY.length());
	}

}
