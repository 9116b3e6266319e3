package io.github.wxnetwork.engine;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;

import io.github.wxnetwork.HeadersReceived;
import io.github.wxnetwork.TaskKind;
import io.github.wxnetwork.WxErrno;
import io.github.wxnetwork.WxNetworkException;
import io.github.wxnetwork.resilience.Attempts;
import okhttp3.Call;
import okhttp3.Request;
import okhttp3.Response;

/**
 * One running task on the wire: its attempts, one at a time, under the task's timeout. An attempt is
 * retried, when the task's {@link Attempts} allow it, only while nobody has seen anything of it: a
 * connection error or a retryable status before the headers reached the listeners, or (for a download,
 * which resumes or starts again unseen) a failure in the body. A retried task keeps its id, its slot and
 * its state; the wait between attempts holds no thread, and an abort ends it at once.
 *
 * @param <R> the success result
 */
final class Exchange<R> {

	/** A deadline this far away is none (no timer, no call timeout). */
	private static final long NO_DEADLINE = Long.MAX_VALUE;

	private final WxHttpEngine engine;

	private final AbstractWxTask<R> task;

	private final Request request;

	private final RoundTrip<R> roundTrip;

	private final Attempts attempts;

	/** {@link System#nanoTime()} when the task's timeout ends, or {@link #NO_DEADLINE}. */
	private final long deadline;

	/** Whether the headers event has fired: it fires once per task. */
	private boolean announced;

	private int attempt;

	Exchange(WxHttpEngine engine, AbstractWxTask<R> task, Request request, RoundTrip<R> roundTrip, Attempts attempts,
			long timeoutMillis) {
		this.engine = engine;
		this.task = task;
		this.request = request;
		this.roundTrip = roundTrip;
		this.attempts = attempts;
		this.deadline = (timeoutMillis > 0) ? System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis)
				: NO_DEADLINE;
		task.attempts(attempts);
	}

	/** Runs the next attempt on this thread; the task ends, or the next attempt is scheduled. */
	void attempt() {
		if (this.task.cancelRequested()) {
			end(Failures.abort(this.task.kind()));
			return;
		}
		if (remainingMillis() <= 0) {
			end(Failures.fail(this.task.kind(), "timeout", WxErrno.TIMEOUT));
			return;
		}
		WxNetworkException refused = this.attempts.begin();
		if (refused != null) {
			end(refused);
			return;
		}
		this.attempt++;
		if (this.attempt > 1) {
			this.task.view().attempt(this.attempt);
		}
		Call call = null;
		try {
			Request next = this.roundTrip.request(this.request);
			call = this.engine.clientFor(next).newCall(next);
			if (this.deadline != NO_DEADLINE) {
				// OkHttp's call timeout spans connect, headers and the body until it is closed: WeChat's
				// timeout. It fails the call with "timeout", told apart from an abort by the task's reason.
				call.timeout().timeout(Math.max(1, remainingMillis()), TimeUnit.MILLISECONDS);
			}
			this.task.attach(call);
			try (Response response = call.execute()) {
				if (retriedStatus(response)) {
					return;
				}
				HeadersReceived headers = new HeadersReceived(HeaderMaps.of(response.headers()),
						(this.task.kind() == TaskKind.REQUEST) ? HeaderMaps.cookies(response.headers()) : List.of(),
						response.code());
				if (!this.announced) {
					this.announced = true;
					this.task.statusCode(response.code());
					this.task.fireHeadersReceived(headers);
				}
				if (this.task.cancelRequested()) {
					throw new IOException("Canceled");
				}
				R result = this.roundTrip.read(response, headers);
				this.attempts.responded(response.code());
				this.attempts.succeeded();
				this.task.succeed(result);
			}
		}
		catch (IOException ex) {
			WxNetworkException failure = Failures.fromIo(this.task.kind(), ex);
			failed(failure, failure.errno() == WxErrno.NETWORK_ERROR && onTheWire(ex));
		}
		catch (WxNetworkException ex) {
			failed(ex, false);
		}
		catch (RuntimeException | Error ex) {
			// A bug or a resource limit must still end the task exactly once and free its slot.
			if (call != null) {
				call.cancel();
			}
			failed(new WxNetworkException(this.task.kind().api() + ":fail " + ex, WxErrno.NETWORK_ERROR, ex), false);
		}
	}

	/** A response whose status is retried: closed unread, unseen, and the next attempt scheduled. */
	private boolean retriedStatus(Response response) {
		if (this.announced && !this.roundTrip.retriesAfterHeaders()) {
			return false;
		}
		long delay = this.attempts.retryDelay(response.code(), response.header("Retry-After"), remainingMillis());
		if (delay < 0) {
			return false;
		}
		// Closed before the next attempt can start, so the connection is back in the pool (or gone) by then.
		response.close();
		this.attempts.responded(response.code());
		retryAfter(delay);
		return true;
	}

	/**
	 * @param wireFault a connection error or a cut on the wire: the upstream's fault, which a retry may mend
	 * and the circuit breaker counts (a timeout counts too)
	 */
	private void failed(WxNetworkException failure, boolean wireFault) {
		boolean aborted = this.task.cancelRequested();
		this.attempts.failed(failure, aborted, wireFault);
		boolean unseen = !this.announced || this.roundTrip.retriesAfterHeaders();
		if (!aborted) {
			long delay = this.attempts.retryDelay(failure, wireFault && unseen, remainingMillis());
			if (delay >= 0) {
				retryAfter(delay);
				return;
			}
		}
		end(failure);
	}

	/** Ends the task with a failure: whatever a round trip left behind goes first. */
	private void end(WxNetworkException failure) {
		this.roundTrip.discard();
		this.task.fail(failure);
	}

	/**
	 * Waits without a thread: the timer hands the next attempt to the engine's pool, or an abort does so at
	 * once, whichever comes first (the attempt then ends with the abort). The wake-up is published before the
	 * timer is set, so the next attempt's call always replaces it, never the other way round.
	 */
	private void retryAfter(long delayMillis) {
		AtomicBoolean due = new AtomicBoolean();
		AtomicReference<ScheduledFuture<?>> timer = new AtomicReference<>();
		Runnable next = () -> {
			if (due.compareAndSet(false, true)) {
				ScheduledFuture<?> pending = timer.get();
				if (pending != null) {
					pending.cancel(false);
				}
				try {
					this.engine.submit(this::attempt);
				}
				catch (RejectedExecutionException ex) {
					end(Failures.invalid(this.task.kind(), "wx-network is shut down"));
				}
			}
		};
		this.task.attachWait(next);
		try {
			timer.set(this.engine.scheduler().schedule(next, delayMillis, TimeUnit.MILLISECONDS));
		}
		catch (RejectedExecutionException ex) {
			if (due.compareAndSet(false, true)) {
				end(Failures.invalid(this.task.kind(), "wx-network is shut down"));
			}
		}
	}

	/**
	 * Whether an I/O failure happened on the wire and may go better next time: a connection error or a body
	 * cut short, but not a certificate the server will present again, a redirect loop, our own verdicts (the
	 * guard, the size cap) or a local file's error.
	 */
	private static boolean onTheWire(IOException ex) {
		// The guard's refusals (BlockedAddressException) are not connection errors: never asked about here.
		return !(ex instanceof WxIoException || ex instanceof SSLPeerUnverifiedException || ex instanceof SSLHandshakeException
				|| ex instanceof RedirectFollower.TooManyFollowUps);
	}

	private long remainingMillis() {
		if (this.deadline == NO_DEADLINE) {
			return Long.MAX_VALUE;
		}
		return TimeUnit.NANOSECONDS.toMillis(this.deadline - System.nanoTime());
	}

}
