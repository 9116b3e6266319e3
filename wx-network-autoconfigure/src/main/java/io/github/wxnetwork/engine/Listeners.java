package io.github.wxnetwork.engine;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The listeners of one event of one task. Copy-on-write because events are fired far more often
 * than listeners change, and a listener may remove itself while being called.
 *
 * @param <E> the event
 */
final class Listeners<E> {

	private static final Logger logger = LoggerFactory.getLogger(Listeners.class);

	private final CopyOnWriteArrayList<Consumer<E>> listeners;

	Listeners(List<Consumer<E>> initial) {
		this.listeners = new CopyOnWriteArrayList<>(initial);
	}

	void add(Consumer<E> listener) {
		if (listener != null) {
			this.listeners.add(listener);
		}
	}

	void remove(Consumer<E> listener) {
		this.listeners.remove(listener);
	}

	void clear() {
		this.listeners.clear();
	}

	boolean isEmpty() {
		return this.listeners.isEmpty();
	}

	/** Calls each listener; one that throws is logged and harms neither the others nor the task. */
	void fire(E event) {
		for (Consumer<E> listener : this.listeners) {
			Callbacks.run(() -> listener.accept(event), "listener");
		}
	}

	/** Shared by listeners and callbacks: user code that throws is logged, never propagated. */
	static final class Callbacks {

		private Callbacks() {
		}

		static void run(Runnable userCode, String what) {
			try {
				userCode.run();
			}
			catch (Throwable ex) {
				logger.warn("A wx-network {} threw; the task goes on unharmed", what, ex);
			}
		}

	}

}
