package io.github.wxnetwork.limits.cluster;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicIntegerArray;

import io.github.wxnetwork.TaskKind;
import io.github.wxnetwork.TaskView;
import io.github.wxnetwork.limits.Admission;
import io.github.wxnetwork.limits.BulkheadTaskLimiter;
import io.github.wxnetwork.limits.TaskLimiter;
import io.github.wxnetwork.limits.cluster.ClusterProperties.OnUnavailable;
import org.redisson.api.RPermitExpirableSemaphore;
import org.redisson.api.RedissonClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code max-concurrent-tasks} across every instance that shares one Redis: a running task holds a permit of
 * its kind's Redisson {@code RPermitExpirableSemaphore} ({@code <name>:request}, …), leased for its timeout plus
 * a margin, so a crashed instance's permits come back when their leases run out. The instance's own bulkhead
 * and FIFO queue stay in front ({@link BulkheadTaskLimiter}); the oldest task holding a local slot takes the
 * next free permit ({@link ClusterPermits}). Nothing here waits for Redis on a task's or a reader's thread: every
 * Redis call is asynchronous, and only start-up waits (briefly) for the semaphores to be set.
 * <p>
 * When Redis cannot be reached (a command fails, or the periodic check does), the limit falls back as
 * {@code on-unavailable} says until a check succeeds again.
 */
public final class ClusterTaskLimiter implements TaskLimiter, AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(ClusterTaskLimiter.class);

	/** How long closing waits for permits still being given back. */
	private static final long CLOSE_WAIT_MILLIS = 5_000;

	/**
	 * How long of that closing waits for acquires still in flight: those of tasks that ended while they waited give
	 * their permit straight back when answered, which is at once while permits are free; in a cluster with none
	 * free they may wait long, and their leases give back what they get after the Redisson client closed.
	 */
	private static final long CLOSE_ASK_WAIT_MILLIS = 1_000;

	/** How long start-up waits for the semaphores to be set before it starts in fallback. */
	private static final long START_WAIT_MILLIS = 10_000;

	/** The longest timeout leased for: "forever" must neither overflow Redisson's expiry nor be forever. */
	private static final Duration MAX_LEASE = Duration.ofDays(365);

	private final BulkheadTaskLimiter local;

	private final Map<TaskKind, ClusterPermits> permits = new EnumMap<>(TaskKind.class);

	private final String name;

	private final long leaseMarginMillis;

	private final OnUnavailable onUnavailable;

	private final Map<TaskKind, Duration> defaultTimeouts;

	private final long maxQueueWaitNanos;

	private final ScheduledExecutorService timer;

	private final CallsInFlight inFlight = new CallsInFlight();

	private final Availability availability = new Availability();

	/**
	 * Runs what Redis's answers start (the tasks' starts and their observations, the fallback): one thread of its
	 * own, neither Redisson's I/O threads nor the callback threads an application's callback may block.
	 */
	private final ExecutorService answers = Executors.newSingleThreadExecutor((work) -> {
		Thread thread = new Thread(work, "wx-network-cluster");
		thread.setDaemon(true);
		return thread;
	});

	/** {@link #answers}, or the answering thread itself once closed. */
	private final Executor executor = (work) -> {
		try {
			this.answers.execute(work);
		}
		catch (RejectedExecutionException ex) {
			work.run();
		}
	};

	private final AtomicIntegerArray lastClusterRunning = new AtomicIntegerArray(TaskKind.values().length);

	private final AtomicBoolean checking = new AtomicBoolean();

	private final ScheduledFuture<?> checks;

	private volatile boolean closed;

	/**
	 * @param local the instance's own limit and queue, in front of the cluster's
	 * @param defaultTimeouts each kind's timeout, for a task that does not tell its own
	 * @param timer runs the queue-wait expiry and the Redis checks
	 */
	public ClusterTaskLimiter(RedissonClient redisson, BulkheadTaskLimiter local, ClusterProperties cluster,
			Duration maxQueueWait, Map<TaskKind, Duration> defaultTimeouts, ScheduledExecutorService timer) {
		this.local = local;
		this.name = cluster.getName();
		this.leaseMarginMillis = atMostMaxLease(cluster.getLeaseMargin());
		this.onUnavailable = cluster.getOnUnavailable();
		this.defaultTimeouts = Map.copyOf(defaultTimeouts);
		this.maxQueueWaitNanos = maxQueueWait.toNanos();
		this.timer = timer;
		for (TaskKind kind : TaskKind.values()) {
			this.permits.put(kind,
					new ClusterPermits(kind, redisson.getPermitExpirableSemaphore(key(this.name, kind)), this));
		}
		// This instance's limit becomes the cluster's (the newest instance's wins, as in a rolling change of it);
		// permits held now stay held. Waited for, briefly, so the application starts with its semaphores set.
		CompletableFuture<?>[] set = this.permits.entrySet()
			.stream()
			.map((entry) -> entry.getValue().semaphore().setPermitsAsync(local.limit(entry.getKey())).toCompletableFuture())
			.toArray(CompletableFuture[]::new);
		try {
			CompletableFuture.allOf(set).get(START_WAIT_MILLIS, TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			unavailable(ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			unavailable(ex);
		}
		long interval = cluster.getHealthCheckInterval().toMillis();
		this.checks = timer.scheduleWithFixedDelay(this::check, interval, interval, TimeUnit.MILLISECONDS);
		logger.info("wx-network limit held across the cluster '{}' in Redis ({} per kind, keys {})", this.name,
				local.limit(TaskKind.REQUEST), key(this.name, TaskKind.REQUEST).replace(TaskKind.REQUEST.type(), "*"));
	}

	/** The Redis key of a kind's semaphore: {@code <name>:request}, {@code <name>:upload}, {@code <name>:download}. */
	public static String key(String name, TaskKind kind) {
		return name + ":" + kind.type();
	}

	@Override
	public void submit(Admission admission) {
		ClusterPermits kindPermits = this.permits.get(admission.task().kind());
		this.local.submit(new ClusterAdmission(admission, kindPermits, System.nanoTime() + this.maxQueueWaitNanos));
	}

	@Override
	public void ended(TaskView task, boolean wasRunning) {
		if (!this.permits.get(task.kind()).ended(task)) {
			this.local.ended(task, wasRunning);
		}
	}

	@Override
	public int limit(TaskKind kind) {
		return this.local.limit(kind);
	}

	/** Tasks started here: those holding a local slot, less those still waiting for their cluster permit. */
	@Override
	public int running(TaskKind kind) {
		return Math.max(0, this.local.running(kind) - this.permits.get(kind).waiting());
	}

	@Override
	public int queued(TaskKind kind) {
		return this.local.queued(kind) + this.permits.get(kind).waiting();
	}

	/**
	 * Permits held across the cluster as of the last check ({@code health-check-interval}), the last count read
	 * while Redis does not answer: never a Redis call on the caller's thread (a scrape, the endpoint, health).
	 */
	@Override
	public int clusterRunning(TaskKind kind) {
		return this.lastClusterRunning.get(kind.ordinal());
	}

	/** The cluster's name: its Redis keys' prefix. */
	public String name() {
		return this.name;
	}

	public OnUnavailable onUnavailable() {
		return this.onUnavailable;
	}

	/** Why Redis is unavailable and since when, or null while it answers. */
	public Unavailable unavailable() {
		return this.availability.current();
	}

	/**
	 * Stops the checks and waits a little for the permits of ended tasks to be given back, so none waits for its
	 * lease (the engine has ended every task by now; their releases may still be on their way).
	 */
	@Override
	public void close() {
		this.closed = true;
		this.checks.cancel(false);
		long now = System.nanoTime();
		long deadline = now + TimeUnit.MILLISECONDS.toNanos(CLOSE_WAIT_MILLIS);
		try {
			for (ClusterPermits kindPermits : this.permits.values()) {
				kindPermits.awaitNoneHeld(deadline);
			}
			this.inFlight.awaitAcquires(Math.min(deadline, now + TimeUnit.MILLISECONDS.toNanos(CLOSE_ASK_WAIT_MILLIS)));
			this.inFlight.awaitReleases(deadline);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			this.answers.shutdown();
		}
	}

	boolean available() {
		return this.availability.current() == null && !this.closed;
	}

	boolean closed() {
		return this.closed;
	}

	ScheduledExecutorService timer() {
		return this.timer;
	}

	Executor executor() {
		return this.executor;
	}

	/** A task's lease: its timeout (retries included, at most {@link #MAX_LEASE}) plus the margin. */
	long leaseMillis(Admission admission) {
		Duration timeout = admission.timeout();
		if (timeout == null) {
			timeout = this.defaultTimeouts.get(admission.task().kind());
		}
		return atMostMaxLease(timeout) + this.leaseMarginMillis;
	}

	private static long atMostMaxLease(Duration duration) {
		return ((duration.compareTo(MAX_LEASE) < 0) ? duration : MAX_LEASE).toMillis();
	}

	/**
	 * Redis is unavailable and the task holds its local slot: it starts on the local limit alone, or fails.
	 * @return false when the slot must be given back
	 */
	boolean startWithout(Admission admission) {
		if (this.onUnavailable == OnUnavailable.LOCAL && !this.closed) {
			return admission.start();
		}
		admission.reject();
		return false;
	}

	/** Gives a task's local slot back: the next task in the local queue takes it. */
	void freeLocalSlot(TaskView task) {
		this.local.ended(task, true);
	}

	/** Redis calls closing waits for. */
	CallsInFlight inFlight() {
		return this.inFlight;
	}

	/** A Redis call failed: fall back (logged once per outage) until a check succeeds. */
	void unavailable(Throwable error) {
		if (this.closed) {
			return;
		}
		Unavailable outage = this.availability.failed(error);
		if (outage == null) {
			return;
		}
		logger.warn("Redis unavailable to the wx-network cluster limit '{}' ({}): {} until it answers again",
				this.name, outage.reason(), (this.onUnavailable == OnUnavailable.LOCAL)
						? "each instance keeps its own limit" : "tasks that need a permit fail");
		this.executor.execute(() -> {
			for (ClusterPermits kindPermits : this.permits.values()) {
				if (this.availability.current() == outage) {
					kindPermits.fallBack();
				}
				else {
					// Redis answered again before the fallback ran: the waiting tasks keep waiting, with acquires.
					kindPermits.askForAll();
				}
			}
		});
	}

	/**
	 * The periodic check: each kind's semaphore is there (set again after Redis lost it) and how many permits
	 * it holds; reading them also gives back expired leases at once. One check at a time.
	 */
	private void check() {
		if (this.closed || !this.checking.compareAndSet(false, true)) {
			return;
		}
		long sent = System.nanoTime();
		CompletableFuture<?>[] reads = this.permits.entrySet().stream().map((entry) -> {
			TaskKind kind = entry.getKey();
			ClusterPermits kindPermits = entry.getValue();
			RPermitExpirableSemaphore semaphore = kindPermits.semaphore();
			return semaphore.trySetPermitsAsync(this.local.limit(kind))
				.thenCompose((set) -> semaphore.acquiredPermitsAsync())
				.thenCompose((held) -> {
					this.lastClusterRunning.set(kind.ordinal(), held);
					return semaphore.availablePermitsAsync();
				})
				.thenAccept((free) -> {
					if (free > 0) {
						kindPermits.nudge();
					}
				})
				.toCompletableFuture();
		}).toArray(CompletableFuture[]::new);
		CompletableFuture.allOf(reads).whenComplete((done, error) -> {
			this.checking.set(false);
			if (error != null) {
				unavailable(error);
			}
			else if (this.availability.answered(sent)) {
				logger.info("Redis answers again: the wx-network limit holds across the cluster '{}' again", this.name);
			}
		});
	}

}
