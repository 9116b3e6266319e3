package io.github.wxnetwork.limits;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import io.github.wxnetwork.RequestTask;
import io.github.wxnetwork.TaskKind;
import io.github.wxnetwork.TaskState;
import io.github.wxnetwork.actuate.WxTasksEndpoint;
import io.github.wxnetwork.engine.TaskLauncher;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code wx.network.cluster.enabled}: three application contexts sharing one real Redis never have more than
 * the limit inside the server at once, where the same three without it have three times as many.
 */
class ClusterLimitTest extends ClusterTestBase {

	@Test
	void threeInstancesSharingRedisNeverRunMoreThanTheLimitAtTheServer() throws Exception {
		List<Instance> instances = List.of(instance(), instance(), instance());
		List<RequestTask> tasks = new ArrayList<>();
		for (int i = 0; i < 24; i++) {
			tasks.add(instances.get(i % 3).request("/slow", i));
		}
		for (RequestTask task : tasks) {
			success(task);
		}
		assertThat(this.gauge.max()).as("requests inside the server at once").isEqualTo(3);
		assertThat(this.gauge.arrivals()).hasSize(24);
	}

	@Test
	void withoutTheClusterLimitTheSameThreeInstancesRunThreeTimesTheLimit() throws Exception {
		List<Instance> instances = List.of(instance("wx.network.cluster.enabled=false"),
				instance("wx.network.cluster.enabled=false"), instance("wx.network.cluster.enabled=false"));
		List<RequestTask> tasks = new ArrayList<>();
		for (int i = 0; i < 9; i++) {
			tasks.add(instances.get(i % 3).request("/held", i));
		}
		this.gauge.awaitArrivals(9);
		assertThat(this.gauge.current()).as("requests inside the server at once").isEqualTo(9);
		this.gauge.open("held");
		for (RequestTask task : tasks) {
			success(task);
		}
		assertThat(held(TaskKind.REQUEST)).isZero();
		assertThat(semaphore(TaskKind.REQUEST).isExists()).as("no cluster semaphore without the cluster limit").isFalse();
	}

	@Test
	void tasksBeyondTheClusterLimitWaitQueuedOnEveryInstanceAndTheEndpointShowsClusterRunning() throws Exception {
		List<Instance> instances = List.of(instance(), instance(), instance());
		List<RequestTask> tasks = new ArrayList<>();
		for (int i = 0; i < 6; i++) {
			tasks.add(instances.get(i % 3).request("/held", i));
		}
		this.gauge.awaitArrivals(3);
		assertThat(held(TaskKind.REQUEST)).isEqualTo(3);
		assertThat(instances.stream().mapToInt((instance) -> instance.limiter().running(TaskKind.REQUEST)).sum())
			.isEqualTo(3);
		assertThat(instances.stream().mapToInt((instance) -> instance.limiter().queued(TaskKind.REQUEST)).sum())
			.isEqualTo(3);
		assertThat(tasks.stream().filter((task) -> task.state() == TaskState.QUEUED)).hasSize(3);
		for (Instance instance : instances) {
			WxTasksEndpoint endpoint = new WxTasksEndpoint(instance.context.getBean(TaskLauncher.class).registry(),
					instance.limiter());
			// The count is the last check's (every 200ms here): never a Redis call on the reader's thread.
			Awaitility.await()
				.atMost(Duration.ofSeconds(WAIT_SECONDS))
				.until(() -> endpoint.tasks().kinds().get("request").clusterRunning() == 3);
			assertThat(endpoint.tasks().kinds().get("request").limit()).isEqualTo(3);
			assertThat(instance.health().getDetails()).containsEntry("request", "3 of 3 running across the cluster");
		}
		this.gauge.open("held");
		for (RequestTask task : tasks) {
			success(task);
		}
		assertThat(this.gauge.max()).isEqualTo(3);
	}

	@Test
	void aKilledInstancesPermitsComeBackWhenTheirLeasesRunOut() throws Exception {
		// Leases of 3s + 3s; the second instance's tasks can only start once they ran out. No shutdown grace: the
		// killed instance's close must not wait for its tasks.
		Instance killed = instance("wx.network.max-concurrent-tasks=2", "wx.network.request.timeout=3s",
				"wx.network.cluster.lease-margin=3s", "wx.network.shutdown-grace=0s");
		Instance survivor = instance("wx.network.max-concurrent-tasks=2");
		long submitted = System.nanoTime();
		killed.request("/held", 1);
		killed.request("/held", 2);
		this.gauge.awaitArrivals(2);
		assertThat(held(TaskKind.REQUEST)).isEqualTo(2);
		killed.kill();
		assertThat(held(TaskKind.REQUEST)).as("permits of the killed instance, not given back").isEqualTo(2);

		RequestTask waiting = survivor.request("/ok", 3);
		RequestTask second = survivor.request("/ok", 4);
		assertThat(waiting.state()).isEqualTo(TaskState.QUEUED);
		success(waiting);
		success(second);
		long arrived = this.gauge.arrivals().stream().filter((arrival) -> arrival.index() == 3).findFirst().orElseThrow()
			.nanos();
		assertThat(Duration.ofNanos(arrived - submitted)).as("reached the server once the leases ran out")
			.isGreaterThanOrEqualTo(Duration.ofSeconds(6));
		survivor.close();
		assertThat(held(TaskKind.REQUEST)).isZero();
		assertThat(semaphore(TaskKind.REQUEST).availablePermits()).isEqualTo(2);
	}

	@Test
	void aThousandTasksAcrossThreeInstancesWithRandomAbortsGiveBackEveryPermit() throws Exception {
		List<Instance> instances = List.of(instance("wx.network.max-concurrent-tasks=10"),
				instance("wx.network.max-concurrent-tasks=10"), instance("wx.network.max-concurrent-tasks=10"));
		ScheduledExecutorService aborter = Executors.newSingleThreadScheduledExecutor();
		List<CompletableFuture<?>> ends = new ArrayList<>();
		int aborted = 0;
		try {
			for (int i = 0; i < 1000; i++) {
				RequestTask task = instances.get(i % 3).request((i % 10 == 0) ? "/slow" : "/ok", i);
				ends.add(task.toCompletableFuture().handle((result, error) -> null));
				ThreadLocalRandom random = ThreadLocalRandom.current();
				if (random.nextInt(4) == 0) {
					// Aborted at once (queued), or a moment later: queued, waiting for its permit, or running.
					aborted++;
					if (random.nextBoolean()) {
						task.abort();
					}
					else {
						aborter.schedule(task::abort, random.nextInt(20_000), TimeUnit.MICROSECONDS);
					}
				}
			}
			CompletableFuture.allOf(ends.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
		}
		finally {
			aborter.shutdownNow();
		}
		// No count at the server here: an aborted task gives its slot back at once (WeChat's abort), while the
		// server may still be busy with its request. The first test checks the limit at the server.
		assertThat(aborted).isPositive();
		for (Instance instance : instances) {
			instance.close();
		}
		for (TaskKind kind : TaskKind.values()) {
			assertThat(held(kind)).as("permits of " + kind + " held in Redis").isZero();
		}
		assertThat(semaphore(TaskKind.REQUEST).availablePermits()).isEqualTo(10);
	}

}
