package io.github.wxnetwork.engine;

import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/** The tasks not yet finished, by id: what ops see and what shutdown aborts. */
public final class TaskRegistry {

	private final ConcurrentHashMap<String, AbstractWxTask<?>> tasks = new ConcurrentHashMap<>();

	void add(AbstractWxTask<?> task) {
		this.tasks.put(task.id(), task);
	}

	void remove(AbstractWxTask<?> task) {
		this.tasks.remove(task.id(), task);
		if (this.tasks.isEmpty()) {
			synchronized (this) {
				notifyAll();
			}
		}
	}

	/**
	 * Waits until no task is left, at most {@code timeout}.
	 * @return whether none is left
	 */
	public boolean awaitEmpty(Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		synchronized (this) {
			while (!this.tasks.isEmpty()) {
				long remaining = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
				if (remaining <= 0) {
					return false;
				}
				wait(remaining);
			}
		}
		return true;
	}

	public Optional<AbstractWxTask<?>> find(String id) {
		return Optional.ofNullable(this.tasks.get(id));
	}

	public Collection<AbstractWxTask<?>> active() {
		return Collections.unmodifiableCollection(this.tasks.values());
	}

}
