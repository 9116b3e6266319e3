package io.github.wxnetwork.engine;

import java.lang.reflect.Method;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The engine's threads. Each exchange blocks a thread for its whole round trip (OkHttp's
 * {@code Call.execute()}), so a thousand slow calls hold a thousand threads: on Java 24 and later they are
 * virtual threads, a few hundred bytes each, found at run time (the library is built for Java 17). Before 24
 * (JEP 491) a virtual thread waiting inside {@code synchronized} pins its carrier, and OkHttp's HTTP/2 streams
 * wait that way, so at most 256 of them could wait at once on Java 21 to 23: there, as on 17, exchanges run
 * on platform threads from a cached pool, idle ones ending after a minute. The callback and timer threads are
 * a few platform threads either way.
 */
final class EngineThreads {

	/** The first Java whose virtual threads do not pin their carrier in {@code synchronized} (JEP 491). */
	private static final int VIRTUAL_FROM = 24;

	/** {@code Thread.ofVirtual()}, or null before {@link #VIRTUAL_FROM}. */
	private static final Method OF_VIRTUAL = (Runtime.version().feature() >= VIRTUAL_FROM)
			? method(Thread.class, "ofVirtual") : null;

	private EngineThreads() {
	}

	/** Whether exchanges run on virtual threads in this JVM. */
	static boolean virtual() {
		return OF_VIRTUAL != null;
	}

	static ExecutorService exchanges(String namePrefix) {
		if (OF_VIRTUAL == null) {
			return new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS, new SynchronousQueue<>(),
					platform(namePrefix));
		}
		try {
			// Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name(namePrefix, 1).factory())
			Class<?> type = Class.forName("java.lang.Thread$Builder");
			Object builder = type.getMethod("name", String.class, long.class)
				.invoke(OF_VIRTUAL.invoke(null), namePrefix, 1L);
			ThreadFactory factory = (ThreadFactory) type.getMethod("factory").invoke(builder);
			return (ExecutorService) Executors.class.getMethod("newThreadPerTaskExecutor", ThreadFactory.class)
				.invoke(null, factory);
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException("Java " + Runtime.version().feature() + " has Thread.ofVirtual() but "
					+ "its virtual threads cannot be made", ex);
		}
	}

	/** Daemon platform threads named prefix + a counter. */
	static ThreadFactory platform(String namePrefix) {
		AtomicInteger count = new AtomicInteger();
		return (runnable) -> {
			Thread thread = new Thread(runnable, namePrefix + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
	}

	private static Method method(Class<?> type, String name) {
		try {
			return type.getMethod(name);
		}
		catch (NoSuchMethodException ex) {
			return null;
		}
	}

}
