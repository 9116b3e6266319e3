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
 * A retried write (OkHttp may resend after a stale pooled connection) counts from zero again.
 */
final class ProgressRequestBody extends RequestBody {

	private final RequestBody delegate;

	private final DefaultUploadTask task;

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
		long expected = contentLength();
		Listeners<UploadProgress> listeners = this.task.progressListeners();
		ProgressReporter progress = new ProgressReporter(expected,
				(percent, done, total) -> listeners.fire(new UploadProgress(percent, done, total)));
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
