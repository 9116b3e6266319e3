package io.github.wxnetwork.engine;

import java.net.InetAddress;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

import javax.net.SocketFactory;

import io.github.wxnetwork.engine.socket.CoalescingSocketFactory;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EngineThreadsAndSocketsTests {

	private static final boolean JAVA_24 = Runtime.version().feature() >= 24;

	@Test
	void exchangesRunOnVirtualThreadsFromJava24AndOnNamedDaemonPlatformThreadsBefore() throws Exception {
		ExecutorService exchanges = EngineThreads.exchanges("wx-network-test-");
		try {
			Thread thread = exchanges.submit(Thread::currentThread).get(10, TimeUnit.SECONDS);
			assertThat(thread.getName()).startsWith("wx-network-test-");
			assertThat(thread.isDaemon()).isTrue();
			assertThat(isVirtual(thread)).isEqualTo(JAVA_24);
			assertThat(EngineThreads.virtual()).isEqualTo(JAVA_24);
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
	void everyEngineSharesOneSocketFactorySoTheirConnectionsPoolTogether() {
		OkHttpClient application = new OkHttpClient();
		try (WxHttpEngine first = new WxHttpEngine(application, new HostGuard(List.of(), false));
				WxHttpEngine second = new WxHttpEngine(application, new HostGuard(List.of(), false))) {
			assertThat(first.client().socketFactory()).isSameAs(second.client().socketFactory())
				.isSameAs(CoalescingSocketFactory.INSTANCE);
		}
	}

	@Test
	void cleartextH2KeepsPlainSocketsSinceOkHttpWaitsForTheWindowWithDataUnflushed() {
		OkHttpClient h2c = new OkHttpClient.Builder().protocols(List.of(Protocol.H2_PRIOR_KNOWLEDGE)).build();
		try (WxHttpEngine engine = new WxHttpEngine(h2c, new HostGuard(List.of(), false))) {
			assertThat(engine.client().socketFactory()).isSameAs(SocketFactory.getDefault());
		}
	}

	@Test
	void anApplicationsOwnSocketFactoryIsKept() {
		SocketFactory own = new SocketFactory() {

			@Override
			public Socket createSocket() {
				return new Socket();
			}

			@Override
			public Socket createSocket(String host, int port) {
				throw new UnsupportedOperationException();
			}

			@Override
			public Socket createSocket(String host, int port, InetAddress localHost, int localPort) {
				throw new UnsupportedOperationException();
			}

			@Override
			public Socket createSocket(InetAddress host, int port) {
				throw new UnsupportedOperationException();
			}

			@Override
			public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) {
				throw new UnsupportedOperationException();
			}

		};
		OkHttpClient client = new OkHttpClient.Builder().socketFactory(own).build();
		try (WxHttpEngine engine = new WxHttpEngine(client, new HostGuard(List.of(), false))) {
			assertThat(engine.client().socketFactory()).isSameAs(own);
		}
	}

	private static boolean isVirtual(Thread thread) throws Exception {
		return Runtime.version().feature() >= 21 && (boolean) Thread.class.getMethod("isVirtual").invoke(thread);
	}

}
