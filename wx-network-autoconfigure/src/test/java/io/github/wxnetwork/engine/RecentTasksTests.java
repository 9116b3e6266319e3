package io.github.wxnetwork.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.github.wxnetwork.RequestOptions;
import io.github.wxnetwork.RequestTask;
import io.github.wxnetwork.TaskState;
import io.github.wxnetwork.WxErrno;
import io.github.wxnetwork.WxRequestTemplate;
import io.github.wxnetwork.autoconfigure.WxNetworkAutoConfiguration;
import io.github.wxnetwork.support.WireMockPerClass;
import io.github.wxnetwork.support.WxTestKit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.assertj.core.api.Assertions.assertThat;

/** The registry's ring of finished tasks: bounded, newest first, every way a task can end, even under load. */
class RecentTasksTests extends WireMockPerClass {

	@BeforeEach
	void stub() {
		server.stubFor(any(anyUrl()).willReturn(aResponse().withBody("ok")));
	}

	@Test
	void theLastFinishedTasksAreKeptNewestFirstUpToTheRingsSize() {
		try (WxTestKit kit = WxTestKit.builder().recentTasks(3).build()) {
			List<String> ids = new ArrayList<>();
			for (int i = 0; i < 5; i++) {
				RequestTask task = kit.requestTemplate().request(RequestOptions.builder(server.url("/n?i=" + i)).build());
				task.join();
				ids.add(task.id());
			}
			assertThat(kit.registry().recent()).extracting((finished) -> finished.task().id())
				.containsExactly(ids.get(4), ids.get(3), ids.get(2));
			assertThat(kit.registry().findFinished(ids.get(0))).isEmpty();
			FinishedTask newest = kit.registry().findFinished(ids.get(4)).orElseThrow();
			assertThat(newest.errMsg()).isEqualTo("request:ok");
			assertThat(newest.errno()).isZero();
			assertThat(newest.task().state()).isEqualTo(TaskState.SUCCEEDED);
			assertThat(newest.task().statusCode()).isEqualTo(200);
			assertThat(newest.task().url()).isEqualTo(server.url("/n?i=***"));
			assertThat(newest.endedAt()).isAfterOrEqualTo(newest.task().startedAt());
		}
	}

	@Test
	void aTaskRefusedBeforeItWasQueuedIsKeptWithItsErrMsg() {
		try (WxTestKit kit = WxTestKit.create()) {
			RequestTask task = kit.requestTemplate().request(RequestOptions.builder("no-scheme/p?key=secret").build());
			CompletableFuture<?> future = task.toCompletableFuture();
			assertThat(future).failsWithin(java.time.Duration.ofSeconds(10));
			FinishedTask finished = kit.registry().findFinished(task.id()).orElseThrow();
			assertThat(finished.errno()).isEqualTo(WxErrno.INVALID_URL);
			assertThat(finished.errMsg()).startsWith("request:fail invalid url");
			assertThat(finished.task().startedAt()).as("it never ran").isNull();
			assertThat(finished.elapsedMs()).isZero();
			assertThat(kit.registry().find(task.id())).as("not among the unfinished").isEmpty();
		}
	}

	@Test
	void wxNetworkRecentTasksSizesTheRingAndANegativeOneStopsStartUp() {
		ApplicationContextRunner runner = new ApplicationContextRunner().withConfiguration(
				AutoConfigurations.of(JacksonAutoConfiguration.class, WxNetworkAutoConfiguration.class));
		runner.withPropertyValues("wx.network.recent-tasks=2").run((context) -> {
			WxRequestTemplate requests = context.getBean(WxRequestTemplate.class);
			for (int i = 0; i < 3; i++) {
				requests.request(RequestOptions.builder(server.url("/n")).build()).join();
			}
			assertThat(context.getBean(TaskLauncher.class).registry().recent()).hasSize(2);
		});
		runner.withPropertyValues("wx.network.recent-tasks=-1").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("wx.network.recent-tasks");
		});
	}

	@Test
	void aRingOfZeroKeepsNothing() {
		try (WxTestKit kit = WxTestKit.builder().recentTasks(0).build()) {
			RequestTask task = kit.requestTemplate().request(RequestOptions.builder(server.url("/n")).build());
			task.join();
			assertThat(kit.registry().recent()).isEmpty();
			assertThat(kit.registry().findFinished(task.id())).isEmpty();
		}
	}

	@Test
	void manyTasksEndingAtOnceLeaveTheRingFullOfDistinctFinishedTasks() {
		try (WxTestKit kit = WxTestKit.builder().recentTasks(50).build()) {
			List<CompletableFuture<?>> futures = new ArrayList<>();
			for (int i = 0; i < 300; i++) {
				futures.add(kit.requestTemplate().request(RequestOptions.builder(server.url("/n")).build())
					.toCompletableFuture());
			}
			CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).join();
			List<FinishedTask> recent = kit.registry().recent();
			assertThat(recent).hasSize(50);
			assertThat(recent).extracting((finished) -> finished.task().id()).doesNotHaveDuplicates();
			assertThat(recent).allSatisfy((finished) -> assertThat(finished.task().state().isTerminal()).isTrue());
		}
	}

}
