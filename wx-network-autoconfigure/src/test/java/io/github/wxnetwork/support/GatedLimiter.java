package io.github.wxnetwork.support;

import java.util.ArrayList;
import java.util.List;

import io.github.wxnetwork.engine.AbstractWxTask;
import io.github.wxnetwork.limits.TaskLimiter;

/**
 * A limiter that keeps every task QUEUED until {@link #open()}: lets a test act on a task (add or
 * remove listeners, abort it) before it can reach the network, without any timing.
 */
public final class GatedLimiter implements TaskLimiter {

	private final List<Runnable> held = new ArrayList<>();

	@Override
	public synchronized void submit(AbstractWxTask<?> task, Runnable start) {
		this.held.add(() -> {
			if (task.markRunning()) {
				start.run();
			}
		});
	}

	@Override
	public void ended(AbstractWxTask<?> task, boolean wasRunning) {
	}

	public synchronized void open() {
		this.held.forEach(Runnable::run);
		this.held.clear();
	}

}
