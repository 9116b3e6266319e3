package io.github.wxnetwork.client;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.github.wxnetwork.RequestTask;
import io.github.wxnetwork.TaskKind;
import io.github.wxnetwork.TaskView;
import io.github.wxnetwork.autoconfigure.WxOkHttpCustomizer;
import io.github.wxnetwork.limits.Admission;
import io.github.wxnetwork.limits.TaskLimiter;
import io.github.wxnetwork.support.GatedLimiter;
import okhttp3.Interceptor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.service.annotation.GetExchange;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A blocking {@code @WxClient} method runs its exchange on the calling thread (no pool thread is woken for
 * it); methods that return a future or the task run theirs on the engine's threads; a blocking call whose
 * task had to queue is started by the pool when a slot frees.
 */
class WxClientCallerThreadTests extends WxClientTestSupport {

	private static final long WAIT = 10;

	@WxClient(url = "${test.url}")
	interface Threads {

		@GetExchange("/blocking")
		Map<String, Object> blocking();

		@GetExchange("/async")
		CompletableFuture<Map<String, Object>> async();

		@GetExchange("/task")
		RequestTask task();

	}

	/** Records the thread each path's exchange ran on. */
	static class ExchangeThreads {

		final Map<String, Thread> byPath = new ConcurrentHashMap<>();

		final CountDownLatch taskRan = new CountDownLatch(1);

		Interceptor interceptor() {
			return (chain) -> {
				String path = chain.request().url().encodedPath();
				this.byPath.put(path, Thread.currentThread());
				if (path.equals("/task")) {
					this.taskRan.countDown();
				}
				return chain.proceed(chain.request());
			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class Recording {

		@Bean
		ExchangeThreads exchangeThreads() {
			return new ExchangeThreads();
		}

		@Bean
		WxOkHttpCustomizer recordThreads(ExchangeThreads threads) {
			return (builder) -> builder.addInterceptor(threads.interceptor());
		}

	}

	@BeforeEach
	void stub() {
		server.stubFor(get(urlPathMatching("/.*")).willReturn(okJson("{\"ok\":true}")));
	}

	@Test
	void aBlockingMethodRunsItsExchangeOnTheCallingThread() {
		runner().withUserConfiguration(Recording.class).withInitializer(clients(Threads.class)).run((context) -> {
			assertThat(context.getBean(Threads.class).blocking()).containsEntry("ok", true);
			assertThat(context.getBean(ExchangeThreads.class).byPath.get("/blocking")).isSameAs(Thread.currentThread());
		});
	}

	@Test
	void futureAndTaskMethodsRunTheirsOnTheEngineWithoutAnyoneJoining() {
		runner().withUserConfiguration(Recording.class).withInitializer(clients(Threads.class)).run((context) -> {
			Threads client = context.getBean(Threads.class);
			ExchangeThreads threads = context.getBean(ExchangeThreads.class);
			client.task();
			assertThat(threads.taskRan.await(WAIT, TimeUnit.SECONDS)).as("the task started though nobody joined").isTrue();
			assertThat(threads.byPath.get("/task").getName()).startsWith("wx-network-");
			CompletableFuture<Map<String, Object>> future = client.async();
			assertThat(future.get(WAIT, TimeUnit.SECONDS)).containsEntry("ok", true);
			assertThat(threads.byPath.get("/async")).isNotSameAs(Thread.currentThread());
			assertThat(threads.byPath.get("/async").getName()).startsWith("wx-network-");
		});
	}

	@Test
	void aBlockingCallWhoseTaskQueuedIsStartedByThePoolWhenTheSlotFrees() {
		ExecutorService caller = Executors.newSingleThreadExecutor();
		GatedLimiter gate = new GatedLimiter();
		CountDownLatch queued = new CountDownLatch(1);
		TaskLimiter signalling = new TaskLimiter() {

			@Override
			public void submit(Admission admission) {
				gate.submit(admission);
				queued.countDown();
			}

			@Override
			public void ended(TaskView task, boolean wasRunning) {
				gate.ended(task, wasRunning);
			}

			@Override
			public int limit(TaskKind kind) {
				return gate.limit(kind);
			}

			@Override
			public int running(TaskKind kind) {
				return gate.running(kind);
			}

			@Override
			public int queued(TaskKind kind) {
				return gate.queued(kind);
			}

		};
		try {
			runner().withUserConfiguration(Recording.class)
				.withBean(TaskLimiter.class, () -> signalling)
				.withInitializer(clients(Threads.class))
				.run((context) -> {
					Thread[] callingThread = new Thread[1];
					Future<Map<String, Object>> blocked = caller.submit(() -> {
						callingThread[0] = Thread.currentThread();
						return context.getBean(Threads.class).blocking();
					});
					assertThat(queued.await(WAIT, TimeUnit.SECONDS)).isTrue();
					// The slot frees on this thread, not the caller's: the work goes to the pool, and the caller's
					// join may still claim it first. Either way it runs, never here.
					gate.open();
					assertThat(blocked.get(WAIT, TimeUnit.SECONDS)).containsEntry("ok", true);
					Thread ran = context.getBean(ExchangeThreads.class).byPath.get("/blocking");
					assertThat(ran).isNotSameAs(Thread.currentThread());
					assertThat(ran == callingThread[0] || ran.getName().startsWith("wx-network-"))
						.as("ran on %s", ran.getName())
						.isTrue();
				});
		}
		finally {
			caller.shutdownNow();
		}
	}

}
