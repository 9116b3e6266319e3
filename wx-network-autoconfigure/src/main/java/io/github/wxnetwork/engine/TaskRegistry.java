package io.github.wxnetwork.engine;

import java.util.Collection;
import java.util.Collections;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The tasks not yet finished, by id: what ops see and what shutdown aborts. */
public final class TaskRegistry {

	private final ConcurrentHashMap<String, AbstractWxTask<?>> tasks = new ConcurrentHashMap<>();

	void add(AbstractWxTask<?> task) {
		this.tasks.put(task.id(), task);
	}

	void remove(AbstractWxTask<?> task) {
		this.tasks.remove(task.id(), task);
	}

	public Optional<AbstractWxTask<?>> find(String id) {
		return Optional.ofNullable(this.tasks.get(id));
	}

	public Collection<AbstractWxTask<?>> active() {
		return Collections.unmodifiableCollection(this.tasks.values());
	}

}
