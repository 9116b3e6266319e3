package io.github.wxnetwork.limits;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.wxnetwork.TaskView;

/**
 * The slots and the FIFO queue of one kind. Slots are a Resilience4j {@link Bulkhead}'s permits
 * (taken without waiting); a task that finds none waits here, costing one map entry and no thread.
 * Every task of a kind waits the same {@code maxQueueWait}, so deadlines grow in queue order and a
 * single timer for the head of the queue expires them all.
 */
final class KindQueue {

	private final Bulkhead bulkhead;

	private final long maxQueueWaitNanos;

	private final ScheduledExecutorService timer;

	/** Insertion order is start order; removal of an aborted task is O(1). Guarded by {@code this}. */
	private final LinkedHashMap<TaskView, Waiting> waiting = new LinkedHashMap<>();

	private ScheduledFuture<?> expiry;

	KindQueue(Bulkhead bulkhead, Duration maxQueueWait, ScheduledExecutorService timer) {
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

	void submit(Admission admission) {
		synchronized (this) {
			if (!this.waiting.isEmpty() || !this.bulkhead.tryAcquirePermission()) {
				TaskView task = admission.task();
				this.waiting.put(task, new Waiting(admission, System.nanoTime() + this.maxQueueWaitNanos));
				if (task.state().isTerminal()) {
					// Ended (aborted from the endpoint, shut down) before it reached us: its ended() found
					// nothing to remove, so it must not stay counted as queued.
					this.waiting.remove(task);
					return;
				}
				scheduleExpiry();
				return;
			}
		}
		if (!admission.start()) {
			this.bulkhead.releasePermission();
			drain();
		}
	}

	void ended(TaskView task, boolean wasRunning) {
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
			Admission next;
			synchronized (this) {
				Iterator<Waiting> head = this.waiting.values().iterator();
				if (!head.hasNext() || !this.bulkhead.tryAcquirePermission()) {
					return;
				}
				next = head.next().admission();
				head.remove();
			}
			if (!next.start()) {
				// Aborted or expired while we took its permit: give it back unused and try the next one.
				this.bulkhead.releasePermission();
			}
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
		List<Admission> expired = new ArrayList<>();
		synchronized (this) {
			this.expiry = null;
			Iterator<Waiting> head = this.waiting.values().iterator();
			while (head.hasNext()) {
				Waiting waiting = head.next();
				if (waiting.deadline() - now > 0) {
					break;
				}
				head.remove();
				expired.add(waiting.admission());
			}
			scheduleExpiry();
		}
		expired.forEach(Admission::reject);
	}

	private record Waiting(Admission admission, long deadline) {
	}

}
