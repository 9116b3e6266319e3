package io.github.wxnetwork.limits;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.wxnetwork.TaskKind;
import io.github.wxnetwork.TaskView;
import io.github.wxnetwork.resilience.ResiliencePolicies;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * WeChat's limit: a number of tasks of each kind at once (a Resilience4j bulkhead per kind,
 * {@code wx-request}, {@code wx-upload}, {@code wx-download}); the rest wait in FIFO order, without
 * blocking anyone, for at most {@code maxQueueWait}.
 */
public final class BulkheadTaskLimiter implements TaskLimiter {

	private static final Logger logger = LoggerFactory.getLogger(BulkheadTaskLimiter.class);

	private final Map<TaskKind, KindQueue> queues = new EnumMap<>(TaskKind.class);

	/**
	 * @param registry where the bulkheads come from: instances configured there
	 * ({@code resilience4j.bulkhead.instances.wx-request.*}) win over {@code maxConcurrentTasks}
	 * @param timer runs the queue-wait expiry
	 */
	public BulkheadTaskLimiter(BulkheadRegistry registry, int maxConcurrentTasks, Duration maxQueueWait,
			ScheduledExecutorService timer) {
		// Zero wait: a slot is taken or not at once; waiting is this class's queue, never a blocked caller.
		BulkheadConfig config = BulkheadConfig.custom()
			.maxConcurrentCalls(maxConcurrentTasks)
			.maxWaitDuration(Duration.ZERO)
			.build();
		for (TaskKind kind : TaskKind.values()) {
			Bulkhead bulkhead = withoutWait(registry, registry.bulkhead(bulkheadName(kind), config));
			this.queues.put(kind, new KindQueue(bulkhead, maxQueueWait, timer));
		}
	}

	/**
	 * A bulkhead configured elsewhere ({@code resilience4j.bulkhead.instances.wx-request.max-wait-duration})
	 * may wait for a permit, which would block the caller of {@code request()} (and, inside the queue's
	 * lock, every other caller of the kind). It is replaced in the registry by the same bulkhead
	 * without a wait, so the actuator and the metrics still show the one that is used.
	 */
	private static Bulkhead withoutWait(BulkheadRegistry registry, Bulkhead bulkhead) {
		BulkheadConfig config = bulkhead.getBulkheadConfig();
		if (config.getMaxWaitDuration().isZero()) {
			return bulkhead;
		}
		logger.warn("Bulkhead '{}': max-wait-duration {} ignored, tasks over the limit wait in wx-network's queue",
				bulkhead.getName(), config.getMaxWaitDuration());
		Bulkhead noWait = Bulkhead.of(bulkhead.getName(),
				BulkheadConfig.from(config).maxWaitDuration(Duration.ZERO).build(), bulkhead.getTags());
		registry.replace(bulkhead.getName(), noWait);
		return noWait;
	}

	/**
	 * {@code wx-request}, {@code wx-upload}, {@code wx-download}: the names of the kind's retry and breaker
	 * too, so one name configures every Resilience4j instance of a kind.
	 */
	public static String bulkheadName(TaskKind kind) {
		return ResiliencePolicies.instanceName(kind.type());
	}

	@Override
	public void submit(Admission admission) {
		this.queues.get(admission.task().kind()).submit(admission);
	}

	@Override
	public void ended(TaskView task, boolean wasRunning) {
		this.queues.get(task.kind()).ended(task, wasRunning);
	}

	@Override
	public int limit(TaskKind kind) {
		return this.queues.get(kind).bulkhead().getBulkheadConfig().getMaxConcurrentCalls();
	}

	/** The bulkhead's permits in use: O(1), no task is walked. */
	@Override
	public int running(TaskKind kind) {
		Bulkhead bulkhead = this.queues.get(kind).bulkhead();
		return bulkhead.getBulkheadConfig().getMaxConcurrentCalls() - bulkhead.getMetrics().getAvailableConcurrentCalls();
	}

	@Override
	public int queued(TaskKind kind) {
		return this.queues.get(kind).queued();
	}

}
