package io.github.wxnetwork.engine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import io.github.wxnetwork.HeadersReceived;
import io.github.wxnetwork.UploadSuccess;
import okhttp3.MediaType;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;

/** {@code wx.uploadFile} on the wire: the multipart body streams from disk; the reply is read as text. */
final class UploadRoundTrip implements RoundTrip<UploadSuccess> {

	private final DefaultUploadTask task;

	UploadRoundTrip(DefaultUploadTask task) {
		this.task = task;
	}

	@Override
	public UploadSuccess read(Response response, HeadersReceived headers) throws IOException {
		ResponseBody body = response.body();
		Buffer content = new Buffer();
		// The task's bytes are those sent (counted by the request body), not the size of the server's reply.
		BodyStreamer.stream(body, Long.MAX_VALUE, (chunk, received, total) -> content.writeAll(chunk));
		MediaType type = body.contentType();
		return new UploadSuccess(content.readString((type != null) ? type.charset(StandardCharsets.UTF_8) : StandardCharsets.UTF_8),
				response.code(), headers.header(), this.task.profile().snapshot(), this.task.attempts().exception());
	}

}
