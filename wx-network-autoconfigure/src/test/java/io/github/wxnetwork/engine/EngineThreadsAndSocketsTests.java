package io.github.wxnetwork.engine;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

import javax.net.SocketFactory;

import io.github.wxnetwork.engine.socket.CoalescingSocketFactory;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EngineThreadsAndSocketsTests {

	private static final boolean JAVA_21 = Runtime.version().feature() >= 21;

	@Test
	void exchangesRunOnVirtualThreadsFromJava21AndOnNamedDaemonPlatformThreadsBefore() throws Exception {
		ExecutorService exchanges = EngineThreads.exchanges("wx-network-test-");
		try {
			Thread thread = exchanges.submit(Thread::currentThread).get(10, TimeUnit.SECONDS);
			assertThat(thread.getName()).startsWith("wx-network-test-");
			assertThat(thread.isDaemon()).isTrue();
			assertThat(isVirtual(thread)).isEqualTo(JAVA_21);
			assertThat(EngineThreads.virtual()).isEqualTo(JAVA_21);
		}
		finally {
			exchanges.shutdown();
			assertThat(exchanges.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
		}
	}

	@Test
	void callbackAndTimerThreadsArePlatformThreadsOnEveryJava() throws Exception {
		Thread thread = EngineThreads.platform("wx-network-callback-").newThread(() -> {
		});
		assertThat(isVirtual(thread)).isFalse();
		assertThat(thread.getName()).isEqualTo("wx-network-callback-1");
	}

	@Test
	void theEngineConnectsWithCoalescingSocketsByDefault() {
		try (WxHttpEngine engine = new WxHttpEngine(new OkHttpClient(), new HostGuard(List.of(), false))) {
			assertThat(engine.client().socketFactory()).isInstanceOf(CoalescingSocketFactory.class);
		}
	}

	@Test
	void anApplicationsOwnSocketFactoryIsKept() {
		SocketFactory own = new CoalescingSocketFactory();
		OkHttpClient client = new OkHttpClient.Builder().socketFactory(own).build();
		try (WxHttpEngine engine = new WxHttpEngine(client, new HostGuard(List.of(), false))) {
			assertThat(engine.client().socketFactory()).isSameAs(own);
		}
	}

	private static boolean isVirtual(Thread thread) throws Exception {
		return JAVA_21 && (boolean) Thread.class.getMethod("isVirtual").invoke(thread);
	}

}
