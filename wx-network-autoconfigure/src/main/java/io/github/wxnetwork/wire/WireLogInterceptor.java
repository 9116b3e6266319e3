package io.github.wxnetwork.wire;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import io.github.wxnetwork.TaskView;
import io.github.wxnetwork.engine.Failures;
import io.github.wxnetwork.engine.MaskedUrl;
import okhttp3.Connection;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSink;
import okio.Okio;

/**
 * Logs each hop of a task whose request carries a {@link WireLog.Hop} tag (its level is {@code headers} or
 * {@code body}): the request as it goes on the wire, after the interceptors and with the headers OkHttp adds,
 * then the response's status and headers, then, at {@code body}, its text as the task reads it. The first of
 * wx-network's network interceptors (inside the application's own), so it sees every attempt and redirect hop,
 * and never the cache's answers. A request without the tag costs one tag lookup.
 */
public final class WireLogInterceptor implements Interceptor {

	public static final WireLogInterceptor INSTANCE = new WireLogInterceptor();

	private WireLogInterceptor() {
	}

	@Override
	public Response intercept(Chain chain) throws IOException {
		Request request = chain.request();
		WireLog.Hop hop = request.tag(WireLog.Hop.class);
		if (hop == null || !WireLog.logger.isInfoEnabled()) {
			return chain.proceed(request);
		}
		WireLog log = hop.log();
		TaskView task = hop.task();
		String url = MaskedUrl.of(request.url());
		logRequest(log, task, url, request, chain.connection());
		long start = System.nanoTime();
		Response response;
		try {
			response = chain.proceed(request);
		}
		catch (IOException ex) {
			WireLog.event(task)
				.setMessage("<-- {} {} failed after {} ms: {} (task {})")
				.addArgument(request.method())
				.addArgument(url)
				.addArgument((System.nanoTime() - start) / 1_000_000)
				.addArgument(Failures.printable(ex.toString()))
				.addArgument(task.id())
				.log();
			throw ex;
		}
		long tookMs = (System.nanoTime() - start) / 1_000_000;
		StringBuilder message = new StringBuilder("<-- ").append(response.code());
		if (!response.message().isEmpty()) {
			message.append(' ').append(Failures.printable(response.message()));
		}
		message.append(' ').append(url).append(" (").append(tookMs).append(" ms, task ").append(task.id()).append(')');
		log.appendHeaders(response.headers(), message);
		WireLog.event(task)
			.addKeyValue("status", response.code())
			.log(message.toString());
		ResponseBody body = response.body();
		if (log.logsBodies() && WireLog.mayLogBody(task.kind(), true) && Texts.isText(body.contentType())) {
			return response.newBuilder()
				.body(new TappedResponseBody(body, log.maxBody(), response.header("Content-Encoding"),
						(text) -> WireLog.event(task)
							.log("<-- body of {} (task {}){}", url, task.id(), text)))
				.build();
		}
		return response;
	}

	private static void logRequest(WireLog log, TaskView task, String url, Request request, Connection connection) {
		StringBuilder message = new StringBuilder("--> ").append(request.method()).append(' ').append(url);
		if (connection != null) {
			message.append(' ').append(connection.protocol());
		}
		message.append(" (attempt ").append(task.attempt()).append(", task ").append(task.id()).append(')');
		log.appendHeaders(request.headers(), message);
		RequestBody body = request.body();
		if (body != null) {
			if (log.logsBodies() && WireLog.mayLogBody(task.kind(), false) && Texts.isText(body.contentType())
					&& !body.isOneShot() && !body.isDuplex()) {
				appendBody(body, log.maxBody(), message);
			}
			else {
				appendLength(body, message);
			}
		}
		WireLog.event(task)
			.addKeyValue("method", request.method())
			.addKeyValue("url", url)
			.log(message.toString());
	}

	/**
	 * A text body, written again (request bodies can be) into a sink that keeps only what is shown, form values
	 * masked.
	 */
	private static void appendBody(RequestBody body, int maxBody, StringBuilder message) {
		try {
			Texts.CappedSink content = new Texts.CappedSink(maxBody);
			try (BufferedSink sink = Okio.buffer(content)) {
				body.writeTo(sink);
			}
			MediaType type = body.contentType();
			Charset charset = (type != null) ? type.charset(StandardCharsets.UTF_8) : StandardCharsets.UTF_8;
			Texts.append(content.kept, content.total, maxBody, charset, Texts.isForm(type), message);
		}
		catch (IOException ex) {
			message.append("\n(body not readable: ").append(ex).append(')');
		}
	}

	private static void appendLength(RequestBody body, StringBuilder message) {
		try {
			long length = body.contentLength();
			message.append("\n(").append((length >= 0) ? length + "-byte" : "streamed").append(" body not logged)");
		}
		catch (IOException ex) {
			message.append("\n(body not logged)");
		}
	}

}
