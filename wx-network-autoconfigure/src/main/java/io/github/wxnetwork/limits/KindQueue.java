package io.github.wxnetwork.limits;

import io.github.wxnetwork.WxErrno;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import io.github.wxnetwork.engine.AbstractWxTask;
import io.github.wxnetwork.engine.Failures;
import io.github.wxnetwork.TaskKind;
import io.github.resilience4j.bulkhead.Bulkhead;

/**
 * The slots and the FIFO queue of one kind. Slots are a Resilience4j {@link Bulkhead}'s permits
 * (taken without waiting); a task that finds none waits here, costing one map entry and no thread.
 * Every task of a kind waits the same {@code maxQueueWait}, so deadlines grow in queue order and a
 * single timer for the head of the queue expires them all.
 */
final class KindQueue {

	private final TaskKind kind;

	private final Bulkhead bulkhead;

	private final long maxQueueWaitNanos;

	private final ScheduledExecutorService timer;

	/** Insertion order is start order; removal of an aborted task is O(1). Guarded by {@code this}. */
	private final LinkedHashMap<AbstractWxTask<?>, Waiting> waiting = new LinkedHashMap<>();

	private ScheduledFuture<?> expiry;

	KindQueue(TaskKind kind, Bulkhead bulkhead, Duration maxQueueWait, ScheduledExecutorService timer) {
		this.kind = kind;
		this.bulkhead = bulkhead;
		this.maxQueueWaitNanos = maxQueueWait.toNanos();
		this.timer = timer;
	}

	Bulkhead bulkhead() {
		return this.bulkhead;
	}

	synchronized int queued() {
		return this.waiting.size();
	}

	void submit(AbstractWxTask<?> task, Runnable start) {
		synchronized (this) {
			if (!this.waiting.isEmpty() || !this.bulkhead.tryAcquirePermission()) {
				this.waiting.put(task, new Waiting(start, System.nanoTime() + this.maxQueueWaitNanos));
				scheduleExpiry();
				return;
			}
		}
		begin(task, start);
	}

	void ended(AbstractWxTask<?> task, boolean wasRunning) {
		if (wasRunning) {
			this.bulkhead.onComplete();
			drain();
		}
		else {
			synchronized (this) {
				this.waiting.remove(task);
			}
		}
	}

	/** Gives free slots to the oldest waiting tasks. */
	private void drain() {
		while (true) {
			AbstractWxTask<?> task;
			Waiting next;
			synchronized (this) {
				Iterator<Map.Entry<AbstractWxTask<?>, Waiting>> head = this.waiting.entrySet().iterator();
				if (!head.hasNext() || !this.bulkhead.tryAcquirePermission()) {
					return;
				}
				Map.Entry<AbstractWxTask<?>, Waiting> entry = head.next();
				head.remove();
				task = entry.getKey();
				next = entry.getValue();
			}
			if (task.markRunning()) {
				next.start().run();
			}
			else {
				// Aborted or expired while we took its permit: give it back unused and try the next one.
				this.bulkhead.releasePermission();
			}
		}
	}

	private void begin(AbstractWxTask<?> task, Runnable start) {
		if (task.markRunning()) {
			start.run();
		}
		else {
			this.bulkhead.releasePermission();
			drain();
		}
	}

	private void scheduleExpiry() {
		if (this.expiry == null && !this.waiting.isEmpty()) {
			long delay = this.waiting.values().iterator().next().deadline() - System.nanoTime();
			this.expiry = this.timer.schedule(this::expire, Math.max(0, delay), TimeUnit.NANOSECONDS);
		}
	}

	/** Fails every task at the head of the queue whose wait is over, then waits for the next deadline. */
	private void expire() {
		long now = System.nanoTime();
		List<AbstractWxTask<?>> expired = new ArrayList<>();
		synchronized (this) {
			this.expiry = null;
			Iterator<Map.Entry<AbstractWxTask<?>, Waiting>> head = this.waiting.entrySet().iterator();
			while (head.hasNext()) {
				Map.Entry<AbstractWxTask<?>, Waiting> entry = head.next();
				if (entry.getValue().deadline() - now > 0) {
					break;
				}
				head.remove();
				expired.add(entry.getKey());
			}
			scheduleExpiry();
		}
		for (AbstractWxTask<?> task : expired) {
			task.failLater(Failures.fail(this.kind, "exceed max task count", WxErrno.EXCEED_MAX_TASK_COUNT));
		}
	}

	private record Waiting(Runnable start, long deadline) {
	}

}
