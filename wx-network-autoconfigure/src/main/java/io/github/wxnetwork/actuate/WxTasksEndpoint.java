package io.github.wxnetwork.actuate;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.github.wxnetwork.TaskKind;
import io.github.wxnetwork.TaskView;
import io.github.wxnetwork.engine.FinishedTask;
import io.github.wxnetwork.engine.TaskRegistry;
import io.github.wxnetwork.limits.TaskLimiter;

import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;

/**
 * {@code /actuator/wxtasks}: the tasks not yet finished, per kind the limit and how many run and wait, and the
 * last finished tasks with how they ended. Shows no headers, bodies or query values: URLs are masked.
 */
@Endpoint(id = "wxtasks")
public class WxTasksEndpoint {

	private final TaskRegistry registry;

	private final TaskLimiter limiter;

	/**
	 * @param registry the unfinished tasks
	 * @param limiter the per-kind limits and counts (O(1), the limiter keeps them)
	 */
	public WxTasksEndpoint(TaskRegistry registry, TaskLimiter limiter) {
		this.registry = registry;
		this.limiter = limiter;
	}

	@ReadOperation
	public TasksDescriptor tasks() {
		List<TaskDescriptor> tasks = this.registry.active().stream().map(WxTasksEndpoint::describe).toList();
		Map<String, KindDescriptor> kinds = new LinkedHashMap<>();
		for (TaskKind kind : TaskKind.values()) {
			int clusterRunning = this.limiter.clusterRunning(kind);
			kinds.put(kind.type(), new KindDescriptor(this.limiter.limit(kind), this.limiter.running(kind),
					this.limiter.queued(kind), (clusterRunning >= 0) ? clusterRunning : null));
		}
		List<FinishedTaskDescriptor> recent = this.registry.recent().stream().map(WxTasksEndpoint::describe).toList();
		return new TasksDescriptor(tasks, kinds, recent);
	}

	/**
	 * One task, unfinished ({@link TaskDescriptor}) or recently finished ({@link FinishedTaskDescriptor}); 404 when
	 * unknown.
	 */
	@ReadOperation
	public Object task(@Selector String id) {
		return this.registry.find(id)
			.<Object>map(WxTasksEndpoint::describe)
			.or(() -> this.registry.findFinished(id).map(WxTasksEndpoint::describe))
			.orElse(null);
	}

	/** Aborts a task: 204, or 404 when unknown or finished. */
	@DeleteOperation
	public WebEndpointResponse<Void> abort(@Selector String id) {
		return new WebEndpointResponse<>(
				this.registry.abort(id) ? WebEndpointResponse.STATUS_NO_CONTENT : WebEndpointResponse.STATUS_NOT_FOUND);
	}

	static TaskDescriptor describe(TaskView task) {
		Instant startedAt = task.startedAt();
		long transferred = task.bytesTransferred();
		long expected = task.bytesExpected();
		int progress = (expected > 0) ? (int) Math.min(100, (100 * transferred) / expected) : 0;
		long elapsed = (startedAt != null) ? Duration.between(startedAt, Instant.now()).toMillis() : 0;
		return new TaskDescriptor(task.id(), task.kind().type(), task.method(), task.url(), task.state().name(),
				startedAt, elapsed, transferred, expected, progress, task.attempt());
	}

	static FinishedTaskDescriptor describe(FinishedTask finished) {
		TaskView task = finished.task();
		return new FinishedTaskDescriptor(task.id(), task.kind().type(), task.method(), task.url(), task.state().name(),
				task.statusCode(), finished.errMsg(), finished.errno(), task.startedAt(), finished.endedAt(),
				finished.elapsedMs(), task.bytesTransferred(), task.attempt(), task.client(), task.uriTemplate());
	}

	/** The unfinished tasks (oldest first), the per-kind numbers, and the last finished tasks (newest first). */
	public record TasksDescriptor(List<TaskDescriptor> tasks, Map<String, KindDescriptor> kinds,
			List<FinishedTaskDescriptor> recent) {
	}

	/**
	 * One task, as ops see it.
	 * @param startedAt when it took its slot, null while queued
	 * @param elapsedMs since it took its slot
	 * @param bytesExpected -1 when unknown
	 * @param attempt the attempt on the wire (1 for the first; a retried task stays RUNNING between attempts)
	 */
	public record TaskDescriptor(String id, String type, String method, String url, String state, Instant startedAt,
			long elapsedMs, long bytesTransferred, long bytesExpected, int progress, int attempt) {
	}

	/**
	 * A finished task, as ops look it up after the fact.
	 * @param statusCode the response's status, 0 when none came
	 * @param errMsg WeChat's errMsg ({@code request:ok} on success)
	 * @param errno 0 on success
	 * @param startedAt when it took its slot, null when it never ran
	 * @param elapsedMs from taking its slot to its end
	 * @param client the {@code @WxClient} that made it, null for a template call
	 * @param uri that client method's URI template
	 */
	public record FinishedTaskDescriptor(String id, String type, String method, String url, String state,
			int statusCode, String errMsg, int errno, Instant startedAt, Instant endedAt, long elapsedMs,
			long bytesTransferred, int attempt, String client, String uri) {
	}

	/**
	 * A kind's limit (-1 without one), how many tasks run and wait here, and, when the limit is held across a
	 * cluster, how many run across it (left out otherwise).
	 */
	public record KindDescriptor(int limit, int running, int queued,
			@JsonInclude(JsonInclude.Include.NON_NULL) Integer clusterRunning) {

		public KindDescriptor(int limit, int running, int queued) {
			this(limit, running, queued, null);
		}

	}

}
