package io.github.wxnetwork.support;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import com.github.tomakehurst.wiremock.extension.Parameters;
import com.github.tomakehurst.wiremock.extension.ServeEventListener;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Counts the requests that reach a WireMock server, so a test can wait (bounded, never by sleeping)
 * until the server has a request, and can hold WireMock's replies until the test lets them go.
 * <p>
 * Registered as an extension ({@code wireMockConfig().extensions(arrivals)}) it counts every request
 * WireMock has matched, before any response delay (for a request with a body: once the whole body has
 * arrived). An extension that must count at another point (a response transformer, say) calls
 * {@link #arrived()} itself.
 */
public final class Arrivals implements ServeEventListener {

	private final long waitSeconds;

	/** One permit per request that has arrived and not yet been awaited. */
	private final Semaphore arrived = new Semaphore(0);

	/** While set, WireMock holds every matched request here before it responds. */
	private volatile CountDownLatch gate;

	/** Waits (for an arrival, or at the gate) take at most {@code waitSeconds}. */
	public Arrivals(long waitSeconds) {
		this.waitSeconds = waitSeconds;
	}

	@Override
	public void afterMatch(ServeEvent serveEvent, Parameters parameters) {
		arrived();
		CountDownLatch held = this.gate;
		if (held != null) {
			try {
				held.await(this.waitSeconds, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	@Override
	public String getName() {
		return "arrivals";
	}

	/** Counts one more arrival. */
	public void arrived() {
		this.arrived.release();
	}

	/** Waits until one more request has arrived. */
	public void awaitArrival() throws InterruptedException {
		awaitArrivals(1);
	}

	/** Waits until {@code count} more requests have arrived. */
	public void awaitArrivals(int count) throws InterruptedException {
		assertThat(this.arrived.tryAcquire(count, this.waitSeconds, TimeUnit.SECONDS))
			.as(count + " more request(s) reach the server")
			.isTrue();
	}

	/** From now on WireMock holds each matched request until {@link #releaseResponses()}. */
	public void holdResponses() {
		this.gate = new CountDownLatch(1);
	}

	/** Lets every held request (and any later one) be answered. */
	public void releaseResponses() {
		CountDownLatch held = this.gate;
		this.gate = null;
		if (held != null) {
			held.countDown();
		}
	}

}
