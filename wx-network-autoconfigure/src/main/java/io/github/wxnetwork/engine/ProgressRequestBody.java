package io.github.wxnetwork.engine;

import java.io.IOException;

import io.github.wxnetwork.UploadProgress;
import okhttp3.MediaType;
import okhttp3.RequestBody;
import okio.Buffer;
import okio.BufferedSink;
import okio.ForwardingSink;
import okio.Okio;

/**
 * An upload body that counts the bytes handed to the connection and reports WeChat's progress as it goes.
 * A retried write (OkHttp resends after a 307/308 redirect or a stale pooled connection) counts from zero
 * again, but progress is reported only once it passes what the earlier write already reported. The body can
 * be written any number of times (its file is read again each time).
 */
final class ProgressRequestBody extends RequestBody {

	private final RequestBody delegate;

	private final DefaultUploadTask task;

	/** One for the body, not per write: a re-sent body must not report progress going back to 0. */
	private ProgressReporter progress;

	ProgressRequestBody(RequestBody delegate, DefaultUploadTask task) {
		this.delegate = delegate;
		this.task = task;
	}

	@Override
	public MediaType contentType() {
		return this.delegate.contentType();
	}

	@Override
	public long contentLength() throws IOException {
		return this.delegate.contentLength();
	}

	@Override
	public void writeTo(BufferedSink sink) throws IOException {
		if (!OnTheWire.now()) {
			// Not the upload: an interceptor reading the body (a signer, a logger). No progress.
			this.delegate.writeTo(sink);
			return;
		}
		long expected = contentLength();
		Listeners<UploadProgress> listeners = this.task.progressListeners();
		if (this.progress == null) {
			this.progress = new ProgressReporter(expected,
					(percent, done, total) -> listeners.fire(new UploadProgress(percent, done, total)));
		}
		ProgressReporter progress = this.progress;
		BufferedSink counting = Okio.buffer(new ForwardingSink(sink) {

			private long sent;

			@Override
			public void write(Buffer source, long byteCount) throws IOException {
				super.write(source, byteCount);
				this.sent += byteCount;
				ProgressRequestBody.this.task.transferred(this.sent, expected);
				progress.update(this.sent);
			}

		});
		this.delegate.writeTo(counting);
		counting.emit();
	}

}
