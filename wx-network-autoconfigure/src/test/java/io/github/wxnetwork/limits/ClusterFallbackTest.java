package io.github.wxnetwork.limits;

import java.time.Duration;
import java.util.Map;

import io.github.wxnetwork.RequestTask;
import io.github.wxnetwork.TaskKind;
import io.github.wxnetwork.TaskState;
import io.github.wxnetwork.WxErrno;
import io.github.wxnetwork.WxNetworkException;
import io.github.wxnetwork.support.RedisServer;
import org.awaitility.Awaitility;
import org.redisson.api.RedissonClient;
import org.junit.jupiter.api.Test;

import org.springframework.boot.health.contributor.Status;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Redis paused or gone: {@code on-unavailable} {@code local} keeps each instance's own limit, {@code fail} fails
 * the tasks that need a permit; either way health {@code wxNetwork} is DOWN with the reason, and the cluster limit
 * comes back by itself when Redis answers again. The periodic check (every 200ms here) is what notices.
 */
class ClusterFallbackTest extends ClusterTestBase {

	private static final Duration NOTICED = Duration.ofSeconds(WAIT_SECONDS);

	/** Instances that see Redis fail within 500ms, without retrying. */
	@Override
	RedissonClient redisson(RedisServer redis) {
		return redis.impatientClient();
	}

	@Test
	void redisPausedStartsTheWaitingTaskOnTheLocalLimitAndTheClusterLimitComesBackByItself() throws Exception {
		stub("/held3", Map.of("gate", "held3"));
		Instance holder = instance("wx.network.max-concurrent-tasks=1");
		Instance waiter = instance("wx.network.max-concurrent-tasks=1");
		RequestTask holding = holder.request("/held", 1);
		this.gauge.awaitArrivals(1);
		RequestTask waiting = waiter.request("/held2", 2);
		assertThat(waiting.state()).as("no cluster permit is free").isEqualTo(TaskState.QUEUED);
		assertThat(waiter.health().getStatus()).isEqualTo(Status.UP);

		this.redis.pause();
		Awaitility.await().atMost(NOTICED).until(() -> waiter.health().getStatus().equals(Status.DOWN));
		assertThat(waiter.health().getDetails()).containsEntry("fallback", "each instance keeps its own limit")
			.containsKey("reason");
		// The waiting task runs on the instance's own limit, which still holds: a second one waits.
		this.gauge.awaitArrivals(1);
		assertThat(waiting.state()).isEqualTo(TaskState.RUNNING);
		RequestTask locallyQueued = waiter.request("/held2", 3);
		assertThat(locallyQueued.state()).isEqualTo(TaskState.QUEUED);
		assertThat(waiter.limiter().queued(TaskKind.REQUEST)).isEqualTo(1);

		this.redis.resume();
		Awaitility.await().atMost(NOTICED).until(() -> waiter.health().getStatus().equals(Status.UP));
		this.gauge.open("held");
		this.gauge.open("held2");
		success(holding);
		success(waiting);
		success(locallyQueued);
		this.gauge.awaitArrivals(1);

		// Back on the cluster limit: a new task holds a permit in Redis.
		RequestTask clustered = waiter.request("/held3", 4);
		this.gauge.awaitArrivals(1);
		assertThat(held(TaskKind.REQUEST)).isEqualTo(1);
		this.gauge.open("held3");
		success(clustered);
		assertThat(this.gauge.max()).as("the local limits held while Redis was paused").isLessThanOrEqualTo(2);
	}

	@Test
	void redisGoneFailsTasksWithExceedMaxTaskCountWhenOnUnavailableIsFailUntilItIsBack() throws Exception {
		Instance instance = instance("wx.network.max-concurrent-tasks=2", "wx.network.cluster.on-unavailable=fail");
		success(instance.request("/ok", 1));

		this.redis.stop();
		Awaitility.await().atMost(NOTICED).until(() -> instance.health().getStatus().equals(Status.DOWN));
		assertThat(instance.health().getDetails()).containsEntry("fallback",
				"tasks that need a permit fail with exceed max task count");
		WxNetworkException failure = awaitFailure(instance.request("/ok", 2));
		assertThat(failure.errMsg()).isEqualTo("request:fail exceed max task count");
		assertThat(failure.errno()).isEqualTo(WxErrno.EXCEED_MAX_TASK_COUNT);

		// An empty Redis again: the check sets the semaphore up anew and tasks hold permits again.
		this.redis.restart();
		Awaitility.await().atMost(NOTICED).until(() -> instance.health().getStatus().equals(Status.UP));
		success(instance.request("/ok", 3));
		// The test's own client reconnects to the new Redis in its own time.
		Awaitility.await()
			.atMost(NOTICED)
			.ignoreExceptions()
			.untilAsserted(() -> assertThat(semaphore(TaskKind.REQUEST).getPermits()).as("permits in all, held or not")
				.isEqualTo(2));
		assertThat(this.gauge.arrivals()).extracting(Arrival::index).containsExactly(1, 3);
	}

}
