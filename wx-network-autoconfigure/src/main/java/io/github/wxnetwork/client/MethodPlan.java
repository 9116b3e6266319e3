package io.github.wxnetwork.client;

import java.time.Duration;

import io.github.wxnetwork.ResponseType;
import io.github.wxnetwork.TaskKind;
import io.github.wxnetwork.WxTask;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.ResponseEntity;

/**
 * What wx-network adds to Spring's request for one method, decided at start-up: the task's kind,
 * WeChat's options, and how the task becomes the return value.
 *
 * @param kind request, upload or download
 * @param uriTemplate the method's URI template, as its tasks are tagged (metrics, logs, the endpoint)
 * @param dataType WeChat's dataType
 * @param responseType WeChat's responseType
 * @param timeout the task's timeout, or null for the kind's default
 * @param switches WeChat's switches the method or its interface set
 * @param shape what the method returns
 * @param decoder decodes the data of a BODY or ENTITY shape; null otherwise
 * @param throwOnErrorStatus whether a data-returning method throws on a status of 400 or more
 * @param mapper the application's JSON mapper, for error bodies
 */
record MethodPlan(TaskKind kind, String uriTemplate, String dataType, ResponseType responseType, Duration timeout,
		Switches switches, ReturnShape shape,
		DataDecoder decoder, boolean throwOnErrorStatus, JsonMapper mapper) {

	/**
	 * The method's return value for a started task.
	 * @param method and {@code url}: the request, for an error status's message. A download's temp file
	 * that the return value does not hand on (void, headers, a bodiless entity) is deleted.
	 */
	Object finish(WxTask<?> task, String method, String url) {
		return this.shape.adapt(task, (success) -> read(success, method, url));
	}

	private Object read(Object success, String method, String url) {
		Reply reply = Reply.of(success);
		if (this.throwOnErrorStatus && reply.status() >= 400 && reply.status() < 600) {
			throw reply.error(method, url, this.mapper);
		}
		if (this.decoder == null) {
			reply.discardTempFile();
		}
		return switch (this.shape.form()) {
			case HEADERS -> reply.headers();
			case BODY -> this.decoder.decode(reply);
			case ENTITY -> ResponseEntity.status(reply.status())
				.headers(reply.headers())
				.body((this.decoder != null) ? this.decoder.decode(reply) : null);
			default -> null;
		};
	}

}
