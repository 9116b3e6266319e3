package io.github.wxnetwork.engine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import io.github.wxnetwork.HeadersReceived;
import io.github.wxnetwork.UploadSuccess;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;

/** {@code wx.uploadFile} on the wire: the multipart body streams from disk; the reply is read as text. */
final class UploadExchange implements Exchange<UploadSuccess> {

	private final Request request;

	private final DefaultUploadTask task;

	UploadExchange(Request request, DefaultUploadTask task) {
		this.request = request;
		this.task = task;
	}

	@Override
	public Request request() {
		return this.request;
	}

	@Override
	public UploadSuccess read(Response response, HeadersReceived headers) throws IOException {
		ResponseBody body = response.body();
		Buffer content = new Buffer();
		long sent = this.task.bytesTransferred();
		long expected = this.task.bytesExpected();
		BodyStreamer.stream(body, this.task, Long.MAX_VALUE, (chunk, received, total) -> content.writeAll(chunk));
		// The actuator shows an upload's bytes sent, not the size of the server's reply.
		this.task.transferred(sent, expected);
		MediaType type = body.contentType();
		return new UploadSuccess(content.readString((type != null) ? type.charset(StandardCharsets.UTF_8) : StandardCharsets.UTF_8),
				response.code(), headers.header());
	}

}
