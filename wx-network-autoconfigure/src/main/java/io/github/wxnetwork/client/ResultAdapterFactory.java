package io.github.wxnetwork.client;

import java.nio.file.Path;
import java.util.function.Function;

import io.github.wxnetwork.DownloadSuccess;
import io.github.wxnetwork.RequestSuccess;
import io.github.wxnetwork.TaskKind;
import io.github.wxnetwork.UploadSuccess;
import io.github.wxnetwork.WxTask;

/**
 * Chooses a method's {@link ResultAdapter} from its kind and return type: the task itself, its
 * success, nothing, or a value taken from the success (the data decoded, or where a download was
 * stored), each blocking or as a {@code CompletableFuture}. A task or success of another kind is
 * refused: it would fail with a cast on every call.
 */
final class ResultAdapterFactory {

	private ResultAdapterFactory() {
	}

	static ResultAdapter of(ClientMethod method, TaskKind kind, ReturnType returnType) {
		Class<?> value = returnType.valueClass();
		boolean async = returnType.async();
		if (value == KindRules.taskType(kind)) {
			return ResultAdapters.task();
		}
		if (value == KindRules.successType(kind)) {
			return async ? ResultAdapters.future() : ResultAdapters.await(Function.identity());
		}
		if (value == void.class || value == Void.class) {
			return async ? ResultAdapters.future((success) -> null) : ResultAdapters.await();
		}
		if (WxTask.class.isAssignableFrom(value) || value == RequestSuccess.class || value == UploadSuccess.class
				|| value == DownloadSuccess.class) {
			throw method.fail("it is a " + kind.type() + " and cannot return " + value.getSimpleName());
		}
		Function<Object, Object> extractor = extractor(method, kind, returnType);
		return async ? ResultAdapters.future(extractor) : ResultAdapters.await(extractor);
	}

	/** From the success to the value: the data decoded, or the path of the downloaded file. */
	private static Function<Object, Object> extractor(ClientMethod method, TaskKind kind, ReturnType returnType) {
		return switch (kind) {
			case REQUEST -> {
				DataDecoder decoder = decoder(method, returnType);
				yield (success) -> {
					RequestSuccess request = (RequestSuccess) success;
					return decoder.decode(request.data(), request.statusCode());
				};
			}
			case UPLOAD -> {
				DataDecoder decoder = decoder(method, returnType);
				yield (success) -> {
					UploadSuccess upload = (UploadSuccess) success;
					return decoder.decode(upload.data(), upload.statusCode());
				};
			}
			case DOWNLOAD -> {
				if (returnType.valueClass() != Path.class) {
					throw method.fail("a download returns DownloadTask, DownloadSuccess, Path, void or a "
							+ "CompletableFuture of DownloadSuccess or Path, not " + returnType.type());
				}
				yield (success) -> {
					DownloadSuccess download = (DownloadSuccess) success;
					return (download.filePath() != null) ? download.filePath() : download.tempFilePath();
				};
			}
		};
	}

	private static DataDecoder decoder(ClientMethod method, ReturnType returnType) {
		return new DataDecoder(method.client().mapper(), returnType.value().getType(), returnType.valueClass(),
				WxClientDefinitionException.describe(method.client().type(), method.method()));
	}

}
