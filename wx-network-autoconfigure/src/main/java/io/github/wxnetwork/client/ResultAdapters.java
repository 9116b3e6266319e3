package io.github.wxnetwork.client;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;

import io.github.wxnetwork.WxTask;

/**
 * The return shapes: the task itself, its future, or a blocking wait ({@link WxTask#join()} throws the
 * task's {@code WxNetworkException} unwrapped). A derived future aborts the task when cancelled, as the
 * task's own future does.
 */
final class ResultAdapters {

	private ResultAdapters() {
	}

	/** {@code RequestTask}, {@code UploadTask}, {@code DownloadTask}. */
	static ResultAdapter task() {
		return (task) -> task;
	}

	/** {@code CompletableFuture<RequestSuccess>} and the like: the task's own future. */
	static ResultAdapter future() {
		return WxTask::toCompletableFuture;
	}

	/** {@code void}: waits, so that a failure is thrown to the caller. */
	static ResultAdapter await() {
		return (task) -> {
			task.join();
			return null;
		};
	}

	/** A plain type: waits, then extracts. */
	static ResultAdapter await(Function<Object, Object> extractor) {
		return (task) -> extractor.apply(task.join());
	}

	/** {@code CompletableFuture<T>}: extracts when the task succeeds. */
	static ResultAdapter future(Function<Object, Object> extractor) {
		return (task) -> {
			CompletableFuture<Object> result = new CompletableFuture<>();
			result.whenComplete((value, failure) -> {
				if (result.isCancelled()) {
					task.abort();
				}
			});
			task.toCompletableFuture().whenComplete((success, failure) -> {
				if (failure != null) {
					result.completeExceptionally(unwrap(failure));
					return;
				}
				try {
					result.complete(extractor.apply(success));
				}
				catch (RuntimeException | Error ex) {
					result.completeExceptionally(ex);
				}
			});
			return result;
		};
	}

	private static Throwable unwrap(Throwable failure) {
		return (failure instanceof CompletionException && failure.getCause() != null) ? failure.getCause() : failure;
	}

}
