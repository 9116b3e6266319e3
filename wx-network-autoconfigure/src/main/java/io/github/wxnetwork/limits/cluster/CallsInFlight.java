package io.github.wxnetwork.limits.cluster;

import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Redis calls whose end closing waits for, so that what they hold is given back before the Redisson client
 * closes: acquires (done once their answer was handled, which gives an ended task's permit straight back) and
 * releases.
 */
final class CallsInFlight {

	private final Set<CompletableFuture<?>> acquires = ConcurrentHashMap.newKeySet();

	private final Set<CompletableFuture<?>> releases = ConcurrentHashMap.newKeySet();

	void acquire(CompletableFuture<?> acquire) {
		track(this.acquires, acquire);
	}

	void release(CompletableFuture<?> release) {
		track(this.releases, release);
	}

	/** Waits until the acquires in flight now were answered, or the deadline ({@link System#nanoTime()}). */
	void awaitAcquires(long deadline) throws InterruptedException {
		await(this.acquires, deadline);
	}

	/** Waits until the releases in flight now are done, or the deadline ({@link System#nanoTime()}). */
	void awaitReleases(long deadline) throws InterruptedException {
		await(this.releases, deadline);
	}

	private static void track(Set<CompletableFuture<?>> calls, CompletableFuture<?> call) {
		calls.add(call);
		call.whenComplete((result, error) -> calls.remove(call));
	}

	private static void await(Set<CompletableFuture<?>> calls, long deadline) throws InterruptedException {
		try {
			CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new))
				.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
		}
		catch (ExecutionException | TimeoutException ex) {
			// Failed or too slow: leases give those permits back.
		}
	}

}
