package io.github.wxnetwork.limits;

import java.time.Duration;

import io.github.wxnetwork.RequestTask;
import io.github.wxnetwork.TaskKind;
import io.github.wxnetwork.TaskState;
import io.github.wxnetwork.WxRequestTemplate;
import io.github.wxnetwork.limits.cluster.ClusterTaskLimiter;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.redisson.api.RScoredSortedSet;
import org.redisson.client.codec.ByteArrayCodec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * What a running task's permit is leased for, read from Redis: its own timeout plus {@code lease-margin}, even
 * when the permit was asked for on behalf of a task with a shorter one, and never "forever".
 */
class ClusterLeaseTest extends ClusterTestBase {

	@Test
	void aPermitAskedForAShorterTimeoutIsLeasedForTheTimeoutOfTheTaskThatGetsIt() throws Exception {
		Instance holder = instance("wx.network.max-concurrent-tasks=1");
		Instance waiter = instance("wx.network.max-concurrent-tasks=1", "wx.network.cluster.lease-margin=1s");
		RequestTask holding = holder.request("/held", 1);
		this.gauge.awaitArrivals(1);

		// Asks for a permit leased 2s + 1s, then ends while it waits; the next task takes over that acquire.
		RequestTask shortTimeout = waiter.context.getBean(WxRequestTemplate.class)
			.request(options("/held2", 2).timeout(Duration.ofSeconds(2)).build());
		assertThat(shortTimeout.state()).isEqualTo(TaskState.QUEUED);
		shortTimeout.abort();
		awaitFailure(shortTimeout);
		RequestTask longTimeout = waiter.context.getBean(WxRequestTemplate.class)
			.request(options("/held2", 3).timeout(Duration.ofSeconds(120)).build());

		this.gauge.open("held");
		success(holding);
		this.gauge.awaitArrivals(1);
		assertThat(longTimeout.state()).isEqualTo(TaskState.RUNNING);
		// The new lease is sent as the task starts, without waiting for Redis: wait for Redis to have it.
		Awaitility.await()
			.atMost(Duration.ofSeconds(WAIT_SECONDS))
			.untilAsserted(() -> assertThat(Duration.ofMillis(leaseExpiry() - System.currentTimeMillis()))
				.as("lease left of the running task's permit")
				.isGreaterThan(Duration.ofSeconds(100)));
		this.gauge.open("held2");
		success(longTimeout);
	}

	@Test
	void aTimeoutOfForeverLeasesItsPermitForAYear() throws Exception {
		Instance instance = instance();
		RequestTask forever = instance.context.getBean(WxRequestTemplate.class)
			.request(options("/held", 1).timeout(Duration.ofSeconds(Long.MAX_VALUE)).build());
		this.gauge.awaitArrivals(1);
		assertThat(held(TaskKind.REQUEST)).isEqualTo(1);
		assertThat((double) (leaseExpiry() - System.currentTimeMillis()))
			.isCloseTo(Duration.ofDays(365).plusSeconds(10).toMillis(), within((double) Duration.ofMinutes(1).toMillis()));
		this.gauge.open("held");
		success(forever);
	}

	/** When the one permit of requests held now expires, as Redis keeps it (epoch millis). */
	private long leaseExpiry() {
		String key = ClusterTaskLimiter.key("wx-network", TaskKind.REQUEST);
		RScoredSortedSet<byte[]> leases = this.observer.getScoredSortedSet("{" + key + "}:timeout",
				ByteArrayCodec.INSTANCE);
		assertThat(leases.size()).as("permits held").isEqualTo(1);
		return leases.firstScore().longValue();
	}

}
