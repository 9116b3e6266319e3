package io.github.wxnetwork.limits.cluster;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.github.wxnetwork.TaskKind;
import io.github.wxnetwork.TaskView;
import org.redisson.api.RFuture;
import org.redisson.api.RPermitExpirableSemaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One kind's permits across the cluster, a Redisson {@link RPermitExpirableSemaphore}. A task comes here
 * holding its local slot (the bulkhead stays in front) and waits, in arrival order, for a permit. Each waiting
 * task has an acquire in flight (there may be more, left by tasks that ended while waiting); Redisson's acquire
 * waits on the semaphore's pub/sub channel and on the nearest lease's expiry, never polls, and whichever acquire
 * is answered first gives its permit to the oldest waiting task. An answered acquire that finds nobody waiting
 * gives the permit straight back.
 */
final class ClusterPermits {

	private static final Logger logger = LoggerFactory.getLogger(ClusterPermits.class);

	/**
	 * How long an ended task's local slot waits for Redis to have its permit back. The next local task asking at
	 * once would reach Redis right behind the release and beat the other instances' waiters, woken by its pub/sub
	 * message, nearly every time; a Redis that does not answer must not keep the slot for its whole timeout.
	 */
	private static final long RELEASE_WAIT_MILLIS = 200;

	private final TaskKind kind;

	private final RPermitExpirableSemaphore semaphore;

	private final ClusterTaskLimiter limiter;

	/** Arrival order is grant order. Guarded by {@code this}, as the fields below. */
	private final LinkedHashMap<TaskView, Holder> waiting = new LinkedHashMap<>();

	private final Map<TaskView, Holder> running = new HashMap<>();

	/** Acquires in flight for this generation. */
	private int asking;

	/** Changes when Redis is found unavailable: the acquires still in flight then are nobody's. */
	private long generation;

	ClusterPermits(TaskKind kind, RPermitExpirableSemaphore semaphore, ClusterTaskLimiter limiter) {
		this.kind = kind;
		this.semaphore = semaphore;
		this.limiter = limiter;
	}

	RPermitExpirableSemaphore semaphore() {
		return this.semaphore;
	}

	synchronized int waiting() {
		return this.waiting.size();
	}

	/**
	 * Waits until no task holds a permit whose release is not sent yet, or the deadline: a task's end gives its
	 * permit back a moment after the engine counts it ended.
	 */
	synchronized void awaitNoneHeld(long deadlineNanos) throws InterruptedException {
		long left;
		while (!this.running.isEmpty() && (left = deadlineNanos - System.nanoTime()) > 0) {
			TimeUnit.NANOSECONDS.timedWait(this, left);
		}
	}

	/**
	 * A task that holds its local slot asks for a cluster permit.
	 * @return false when it gives the local slot back at once: it ended already, or Redis is unavailable and
	 * the task was failed
	 */
	boolean enter(ClusterAdmission admission, long queueDeadline) {
		TaskView task = admission.task();
		Holder holder = new Holder(admission, this.limiter.leaseMillis(admission));
		boolean waits;
		synchronized (this) {
			waits = this.limiter.available();
			if (waits) {
				this.waiting.put(task, holder);
				if (task.state().isTerminal()) {
					// Ended before it got here: its ended() found nothing to remove.
					this.waiting.remove(task);
					return false;
				}
				holder.expiry = this.limiter.timer().schedule(() -> expire(holder),
						Math.max(0, queueDeadline - System.nanoTime()), TimeUnit.NANOSECONDS);
			}
		}
		if (!waits) {
			return this.limiter.startWithout(admission.queued());
		}
		ask(false);
		return true;
	}

	/**
	 * A task ended: gives back its permit and its local slot, or its local slot alone if it was still waiting.
	 * @return false when the task is not one of ours (it ran on the local limit alone, or never got a slot)
	 */
	boolean ended(TaskView task) {
		Holder holder;
		synchronized (this) {
			holder = this.running.get(task);
			if (holder == null) {
				holder = this.waiting.remove(task);
				if (holder == null) {
					return false;
				}
				holder.expiry.cancel(false);
			}
		}
		finish(holder);
		return true;
	}

	/**
	 * Redis is unavailable: acquires in flight are nobody's any more, and the waiting tasks start on their local
	 * slot or fail, as {@code on-unavailable} says.
	 */
	void fallBack() {
		List<Holder> waited;
		synchronized (this) {
			this.generation++;
			this.asking = 0;
			waited = new ArrayList<>(this.waiting.values());
			this.waiting.clear();
		}
		for (Holder holder : waited) {
			holder.expiry.cancel(false);
			if (!this.limiter.startWithout(holder.admission.queued())) {
				this.limiter.freeLocalSlot(holder.admission.task());
			}
		}
	}

	/**
	 * The check saw free permits while tasks here wait: one more try, in case the release's pub/sub message was
	 * lost (Redisson does not wake waiters after its subscription reconnects). A try, not an acquire: it never
	 * stays waiting, so it never outlives the tasks it was for.
	 */
	void nudge() {
		ask(true);
	}

	/** As many acquires as tasks wait. */
	void askForAll() {
		while (ask(false)) {
			// one more
		}
	}

	/** One more acquire when more tasks wait than acquires are in flight (or, nudged, whenever one waits). */
	private boolean ask(boolean nudged) {
		long generation;
		long leaseMillis = 0;
		synchronized (this) {
			if (this.waiting.isEmpty() || (!nudged && this.waiting.size() <= this.asking) || !this.limiter.available()) {
				return false;
			}
			this.asking++;
			generation = this.generation;
			for (Holder holder : this.waiting.values()) {
				leaseMillis = Math.max(leaseMillis, holder.leaseMillis);
			}
		}
		long asked = leaseMillis;
		RFuture<String> acquire = nudged ? this.semaphore.tryAcquireAsync(0, asked, TimeUnit.MILLISECONDS)
				: this.semaphore.acquireAsync(asked, TimeUnit.MILLISECONDS);
		this.limiter.inFlight().acquire(acquire.toCompletableFuture().whenCompleteAsync(
				(permitId, error) -> answered(generation, asked, permitId, error, nudged), this.limiter.executor()));
		return true;
	}

	private void answered(long generation, long askedLeaseMillis, String permitId, Throwable error, boolean tried) {
		if (error == null && permitId == null && tried) {
			synchronized (this) {
				if (generation == this.generation) {
					this.asking--;
				}
			}
			return;
		}
		if (error != null || permitId == null) {
			boolean current;
			synchronized (this) {
				current = generation == this.generation;
				if (current) {
					this.asking--;
				}
			}
			// An acquire of an outage already noticed fails late: it says nothing about Redis now.
			if (current) {
				this.limiter.unavailable(error);
			}
			return;
		}
		Holder head = null;
		synchronized (this) {
			if (generation == this.generation && !this.limiter.closed()) {
				this.asking--;
				Iterator<Holder> oldest = this.waiting.values().iterator();
				if (oldest.hasNext()) {
					head = oldest.next();
					oldest.remove();
					head.permitId = permitId;
					this.running.put(head.admission.task(), head);
				}
			}
		}
		if (head == null) {
			release(permitId);
			return;
		}
		head.expiry.cancel(false);
		if (head.leaseMillis > askedLeaseMillis) {
			// Asked for while a task with a shorter timeout was the longest waiting (it has ended since).
			long leaseMillis = head.leaseMillis;
			this.semaphore.updateLeaseTimeAsync(permitId, leaseMillis, TimeUnit.MILLISECONDS)
				.whenComplete((updated, failure) -> {
					if (failure != null || !Boolean.TRUE.equals(updated)) {
						logger.debug("Could not lengthen the lease of the {} permit {} to {} ms", this.kind.type(),
								permitId, leaseMillis, failure);
					}
				});
		}
		if (!head.admission.queued().start()) {
			// Ended while its permit was on the way: its ended() may have run too, finish() runs once.
			finish(head);
		}
		// An acquire answered for a task that ended left one waiting task without an acquire of its own.
		ask(false);
	}

	/** The queue wait ran out while the task waited for a permit: {@code exceed max task count}. */
	private void expire(Holder holder) {
		synchronized (this) {
			if (!this.waiting.remove(holder.admission.task(), holder)) {
				return;
			}
		}
		holder.admission.queued().reject();
		finish(holder);
	}

	/** Gives back the holder's permit (if it has one) and its local slot, once. */
	private void finish(Holder holder) {
		if (!holder.finished.compareAndSet(false, true)) {
			return;
		}
		TaskView task = holder.admission.task();
		if (holder.permitId == null) {
			this.limiter.freeLocalSlot(task);
			return;
		}
		CompletableFuture<Boolean> release = release(holder.permitId);
		synchronized (this) {
			if (this.running.remove(task, holder) && this.running.isEmpty()) {
				notifyAll();
			}
		}
		AtomicBoolean freed = new AtomicBoolean();
		Runnable free = () -> {
			if (freed.compareAndSet(false, true)) {
				this.limiter.freeLocalSlot(task);
			}
		};
		ScheduledFuture<?> late = this.limiter.timer().schedule(free, RELEASE_WAIT_MILLIS, TimeUnit.MILLISECONDS);
		release.whenCompleteAsync((released, error) -> {
			late.cancel(false);
			free.run();
		}, this.limiter.executor());
	}

	private CompletableFuture<Boolean> release(String permitId) {
		CompletableFuture<Boolean> release = this.semaphore.tryReleaseAsync(permitId).toCompletableFuture();
		this.limiter.inFlight().release(release);
		release.whenComplete((released, error) -> {
			if (error != null) {
				logger.debug("Could not release the {} permit {}: it is given back when its lease runs out",
						this.kind.type(), permitId, error);
			}
		});
		return release;
	}

	/** A task here: the local admission it came with, what it leases, and its permit once it has one. */
	private static final class Holder {

		final ClusterAdmission admission;

		final long leaseMillis;

		final AtomicBoolean finished = new AtomicBoolean();

		/** Set before the holder is visible to another thread (under the lock) and read under it. */
		ScheduledFuture<?> expiry;

		volatile String permitId;

		Holder(ClusterAdmission admission, long leaseMillis) {
			this.admission = admission;
			this.leaseMillis = leaseMillis;
		}

	}

}
