package io.github.wxnetwork.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

import io.github.wxnetwork.TaskState;
import io.github.wxnetwork.TaskView;
import io.github.wxnetwork.WxNetworkException;

/**
 * The tasks not yet finished, by id, and the last few finished ones: what ops see (a failure can be looked up
 * after the fact) and what shutdown aborts.
 */
public final class TaskRegistry {

	/** How many finished tasks are kept unless told otherwise ({@code wx.network.recent-tasks}). */
	public static final int DEFAULT_RECENT = 100;

	private static final Comparator<AbstractWxTask<?>> CREATION_ORDER = Comparator.comparingLong(AbstractWxTask::sequence);

	private final ConcurrentHashMap<String, AbstractWxTask<?>> tasks = new ConcurrentHashMap<>();

	/**
	 * A ring of the last finished tasks' views: slot {@code n % length} holds the n-th; lock-free, one write per
	 * task and no object made for it.
	 */
	private final AtomicReferenceArray<LiveTaskView> recent;

	private final AtomicLong finishedCount = new AtomicLong();

	public TaskRegistry() {
		this(DEFAULT_RECENT);
	}

	/** @param recentTasks how many finished tasks to keep (0: none) */
	public TaskRegistry(int recentTasks) {
		if (recentTasks < 0) {
			throw new IllegalArgumentException("recentTasks must not be negative: " + recentTasks);
		}
		this.recent = new AtomicReferenceArray<>(recentTasks);
	}

	void add(AbstractWxTask<?> task) {
		this.tasks.put(task.id(), task);
	}

	/**
	 * Keeps an ended task among the recent ones, then forgets it as unfinished (in this order, so a lookup
	 * by id finds it in one or the other until newer tasks push it out of the ring).
	 * @param registered whether it was added (a task refused before it was queued was not)
	 */
	void finished(AbstractWxTask<?> task, WxNetworkException failure, boolean registered) {
		int size = this.recent.length();
		if (size > 0) {
			LiveTaskView view = task.view();
			long n = this.finishedCount.getAndIncrement();
			view.ended(failure, System.currentTimeMillis(), n);
			int slot = (int) (n % size);
			// A writer that stalled after taking its number must not overwrite a newer task in its slot.
			LiveTaskView current;
			do {
				current = this.recent.get(slot);
			}
			while ((current == null || current.finishedNumber() < n)
					&& !this.recent.compareAndSet(slot, current, view));
		}
		if (registered) {
			remove(task);
		}
	}

	/**
	 * The last finished tasks, newest first. A slot whose task is not the one counted there (its writer has not
	 * stored it yet) is left out rather than shown out of order.
	 */
	public List<FinishedTask> recent() {
		int size = this.recent.length();
		long n = this.finishedCount.get();
		List<FinishedTask> recent = new ArrayList<>((int) Math.min(n, size));
		for (long i = n - 1; i >= 0 && i >= n - size; i--) {
			LiveTaskView task = this.recent.get((int) (i % size));
			if (task != null && task.finishedNumber() == i) {
				recent.add(task.finished());
			}
		}
		return recent;
	}

	/** A recently finished task by id. */
	public Optional<FinishedTask> findFinished(String id) {
		for (int i = 0; i < this.recent.length(); i++) {
			LiveTaskView task = this.recent.get(i);
			if (task != null && task.id().equals(id)) {
				return Optional.of(task.finished());
			}
		}
		return Optional.empty();
	}

	private void remove(AbstractWxTask<?> task) {
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

	/** An unfinished task by id. */
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
