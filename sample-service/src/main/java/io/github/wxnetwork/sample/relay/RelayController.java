package io.github.wxnetwork.sample.relay;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.github.wxnetwork.DownloadOptions;
import io.github.wxnetwork.DownloadSuccess;
import io.github.wxnetwork.DownloadTask;
import io.github.wxnetwork.RequestOptions;
import io.github.wxnetwork.UploadOptions;
import io.github.wxnetwork.UploadSuccess;
import io.github.wxnetwork.WxDownloadTemplate;
import io.github.wxnetwork.WxNetworkException;
import io.github.wxnetwork.WxRequestTemplate;
import io.github.wxnetwork.WxUploadTemplate;
import io.github.wxnetwork.engine.TaskLauncher;

import org.springframework.context.annotation.Lazy;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The relay's API: fetch JSON from the upstream, download a batch of files into storage, upload a stored
 * file to the upstream, abort a task. Each call shows one way of using wx-network from code.
 */
@RestController
@RequestMapping("/relay")
public class RelayController {

	private final WxRequestTemplate requests;

	private final WxDownloadTemplate downloads;

	private final WxUploadTemplate uploads;

	private final TaskLauncher tasks;

	private final Upstream upstream;

	private final Path storage;

	private final UpstreamCatalog catalog;

	public RelayController(WxRequestTemplate requests, WxDownloadTemplate downloads, WxUploadTemplate uploads,
			TaskLauncher tasks, Upstream upstream, RelayProperties properties, @Lazy UpstreamCatalog catalog) {
		this.requests = requests;
		this.catalog = catalog;
		this.downloads = downloads;
		this.uploads = uploads;
		this.tasks = tasks;
		this.upstream = upstream;
		this.storage = properties.storageDir();
	}

	/** Through the {@code @WxClient} interface, asynchronously: the servlet thread is free meanwhile. */
	@GetMapping("/items/{id}")
	public CompletableFuture<UpstreamCatalog.Item> item(@PathVariable int id) {
		return this.catalog.item(id);
	}

	/**
	 * The item with the upstream's status, its Content-Type and whether it verified the catalog client's
	 * signature ({@code ResponseEntity} from the client).
	 */
	@GetMapping("/items/{id}/entity")
	public Map<String, Object> itemEntity(@PathVariable int id) {
		ResponseEntity<UpstreamCatalog.Item> entity = this.catalog.itemEntity(id);
		return Map.of("status", entity.getStatusCode().value(), "contentType",
				String.valueOf(entity.getHeaders().getContentType()), "signatureVerified",
				String.valueOf(entity.getHeaders().getFirst("X-Relay-Signature-Verified")), "item", entity.getBody());
	}

	/** The same item through {@code WxRequestTemplate}: what WeChat hands back, status, headers and timings. */
	@GetMapping("/items/{id}/raw")
	public CompletableFuture<Map<String, Object>> rawItem(@PathVariable int id) {
		return this.requests.request(RequestOptions.builder(this.upstream.url("/items/" + id)).build())
			.toCompletableFuture()
			.thenApply((success) -> Map.of("data", success.data(), "statusCode", success.statusCode(), "errMsg",
					success.errMsg(), "header", success.header(), "profile", success.profile()));
	}

	/** A file to fetch: its name in storage and its generated size and pace on the embedded upstream. */
	public record FileRequest(String name, long size, long rate) {
	}

	/**
	 * Starts one download per file, all at once: the ten-task limit queues the rest. Answers at once
	 * with the task ids, or with {@code wait=true} once every download has ended, with its outcome. How
	 * each ended stays visible afterwards in {@code /actuator/wxtasks} ({@code recent}), by its id.
	 */
	@PostMapping("/downloads")
	public CompletableFuture<List<Map<String, Object>>> download(@RequestBody List<FileRequest> files,
			@RequestParam(defaultValue = "false") boolean wait) {
		List<CompletableFuture<Map<String, Object>>> outcomes = files.stream().map((file) -> {
			Path target = this.storage.resolve(file.name());
			DownloadTask task = this.downloads.downloadFile(DownloadOptions
				.builder(this.upstream.url("/files/" + file.name() + "?size=" + file.size() + "&rate=" + file.rate()))
				.filePath(target)
				.build());
			Map<String, Object> started = Map.of("id", task.id(), "name", file.name());
			CompletableFuture<Map<String, Object>> ended = task.toCompletableFuture()
				.handle((success, failure) -> outcome(started, success, failure));
			return wait ? ended : CompletableFuture.completedFuture(started);
		}).toList();
		return CompletableFuture.allOf(outcomes.toArray(CompletableFuture[]::new))
			.thenApply((done) -> outcomes.stream().map(CompletableFuture::join).toList());
	}

	private static Map<String, Object> outcome(Map<String, Object> started, DownloadSuccess success, Throwable failure) {
		Map<String, Object> outcome = new LinkedHashMap<>(started);
		if (success != null) {
			outcome.put("statusCode", success.statusCode());
			outcome.put("errMsg", success.errMsg());
		}
		else {
			WxNetworkException wx = unwrap(failure);
			outcome.put("errMsg", (wx != null) ? wx.errMsg() : String.valueOf(failure));
			outcome.put("errno", (wx != null) ? wx.errno() : 0);
		}
		return outcome;
	}

	private static WxNetworkException unwrap(Throwable failure) {
		for (Throwable t = failure; t != null; t = t.getCause()) {
			if (t instanceof WxNetworkException wx) {
				return wx;
			}
		}
		return null;
	}

	/** wx.uploadFile of a stored file; waits for the upstream's reply. */
	@PostMapping("/uploads/{name}")
	public CompletableFuture<Map<String, Object>> upload(@PathVariable String name) {
		Path file = this.storage.resolve(name).normalize();
		return this.uploads.uploadFile(UploadOptions.builder(this.upstream.url("/uploads"), file, "file")
			.formData(Map.of("source", "relay"))
			.build()).toCompletableFuture().thenApply((UploadSuccess success) -> Map.of("statusCode",
					success.statusCode(), "data", success.data()));
	}

	/** The stored files and their sizes. */
	@GetMapping("/files")
	public Map<String, Long> files() throws IOException {
		if (!Files.isDirectory(this.storage)) {
			return Map.of();
		}
		try (var stream = Files.list(this.storage)) {
			return stream.filter(Files::isRegularFile)
				.collect(java.util.stream.Collectors.toMap((p) -> p.getFileName().toString(), (p) -> p.toFile().length()));
		}
	}

	/** Aborts a task of any kind, queued or running. */
	@DeleteMapping("/tasks/{id}")
	public ResponseEntity<Void> abort(@PathVariable String id) {
		return this.tasks.registry().abort(id) ? ResponseEntity.noContent().build() : ResponseEntity.notFound().build();
	}

	/** A failed task's errMsg and errno, as WeChat reports them. */
	@ExceptionHandler(WxNetworkException.class)
	public ResponseEntity<Map<String, Object>> failed(WxNetworkException ex) {
		return ResponseEntity.status(HttpStatus.BAD_GATEWAY).body(Map.of("errMsg", ex.errMsg(), "errno", ex.errno()));
	}

}
