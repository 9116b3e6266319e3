package io.github.wxnetwork.engine;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.github.wxnetwork.TaskState;
import io.github.wxnetwork.TaskView;

/** The tasks not yet finished, by id: what ops see and what shutdown aborts. */
public final class TaskRegistry {

	private static final Comparator<AbstractWxTask<?>> CREATION_ORDER = Comparator.comparingLong(AbstractWxTask::sequence);

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

	public Optional<TaskView> find(String id) {
		return Optional.ofNullable(this.tasks.get(id)).<TaskView>map(AbstractWxTask::view);
	}

	/** The unfinished tasks, oldest first. */
	public List<TaskView> active() {
		return this.tasks.values().stream().sorted(CREATION_ORDER).<TaskView>map(AbstractWxTask::view).toList();
	}

	/** How many tasks are not finished. */
	public int size() {
		return this.tasks.size();
	}

	/**
	 * Aborts an unfinished task, as {@code WxTask.abort()} would.
	 * @return false when no such task is unfinished
	 */
	public boolean abort(String id) {
		AbstractWxTask<?> task = this.tasks.get(id);
		if (task == null) {
			return false;
		}
		task.abort();
		return true;
	}

	/** Aborts every unfinished task, or only those in {@code only} when it is not null. */
	void abortAll(TaskState only) {
		for (AbstractWxTask<?> task : List.copyOf(this.tasks.values())) {
			if (only == null || task.state() == only) {
				task.abort();
			}
		}
	}

}
