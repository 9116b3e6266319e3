package io.github.wxnetwork.bench;

import java.util.concurrent.atomic.AtomicBoolean;

/** Runs a sample every {@code periodMillis} on a daemon thread of its own, from construction until closed. */
final class Periodic implements AutoCloseable {

	private final AtomicBoolean running = new AtomicBoolean(true);

	private final Thread thread;

	Periodic(String name, long periodMillis, Runnable sample) {
		this.thread = new Thread(() -> {
			while (this.running.get()) {
				sample.run();
				try {
					Thread.sleep(periodMillis);
				}
				catch (InterruptedException ex) {
					return;
				}
			}
		}, name);
		this.thread.setDaemon(true);
		this.thread.start();
	}

	/** Stops the thread and waits for it. @return false when it was stopped already */
	boolean stop() throws InterruptedException {
		if (!this.running.compareAndSet(true, false)) {
			return false;
		}
		this.thread.interrupt();
		this.thread.join();
		return true;
	}

	@Override
	public void close() throws InterruptedException {
		stop();
	}

}
