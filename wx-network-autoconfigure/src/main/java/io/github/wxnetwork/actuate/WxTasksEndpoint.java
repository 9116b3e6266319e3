package io.github.wxnetwork.actuate;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.wxnetwork.engine.AbstractWxTask;
import io.github.wxnetwork.engine.TaskRegistry;

import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;

/**
 * {@code /actuator/wxtasks}: the tasks not yet finished and, per kind, the limit and how many run and
 * wait. Shows no headers, bodies or query values: URLs are masked.
 */
@Endpoint(id = "wxtasks")
public class WxTasksEndpoint {

	private final TaskRegistry registry;

	private final TaskStatistics statistics;

	public WxTasksEndpoint(TaskRegistry registry, TaskStatistics statistics) {
		this.registry = registry;
		this.statistics = statistics;
	}

	@ReadOperation
	public TasksDescriptor tasks() {
		List<TaskDescriptor> tasks = this.registry.active()
			.stream()
			.sorted(Comparator.comparingLong(AbstractWxTask::sequence))
			.map(WxTasksEndpoint::describe)
			.toList();
		Map<String, KindDescriptor> kinds = new LinkedHashMap<>();
		this.statistics.byKind()
			.forEach((kind, counts) -> kinds.put(kind.type(),
					new KindDescriptor(counts.limit(), counts.running(), counts.queued())));
		return new TasksDescriptor(tasks, kinds);
	}

	/** One task; 404 when unknown or finished. */
	@ReadOperation
	public TaskDescriptor task(@Selector String id) {
		return this.registry.find(id).map(WxTasksEndpoint::describe).orElse(null);
	}

	/** Aborts a task: 204, or 404 when unknown or finished. */
	@DeleteOperation
	public WebEndpointResponse<Void> abort(@Selector String id) {
		return this.registry.find(id).map((task) -> {
			task.abort();
			return new WebEndpointResponse<Void>(WebEndpointResponse.STATUS_NO_CONTENT);
		}).orElseGet(() -> new WebEndpointResponse<>(WebEndpointResponse.STATUS_NOT_FOUND));
	}

	static TaskDescriptor describe(AbstractWxTask<?> task) {
		Instant startedAt = task.startedAt();
		long transferred = task.bytesTransferred();
		long expected = task.bytesExpected();
		int progress = (expected > 0) ? (int) Math.min(100, (100 * transferred) / expected) : 0;
		long elapsed = (startedAt != null) ? Duration.between(startedAt, Instant.now()).toMillis() : 0;
		return new TaskDescriptor(task.id(), task.kind().type(), MicrometerTaskObserver.method(task), MaskedUrl.of(task.url()),
				task.state().name(), startedAt, elapsed, transferred, expected, progress);
	}

	/** All tasks and the per-kind numbers. */
	public record TasksDescriptor(List<TaskDescriptor> tasks, Map<String, KindDescriptor> kinds) {
	}

	/**
	 * One task, as ops see it.
	 * @param startedAt when it took its slot, null while queued
	 * @param elapsedMs since it took its slot
	 * @param bytesExpected -1 when unknown
	 */
	public record TaskDescriptor(String id, String type, String method, String url, String state, Instant startedAt,
			long elapsedMs, long bytesTransferred, long bytesExpected, int progress) {
	}

	/** A kind's limit (-1 without one) and how many tasks run and wait. */
	public record KindDescriptor(int limit, int running, int queued) {
	}


}
