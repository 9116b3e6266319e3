package io.github.wxnetwork.client;

import java.nio.file.Path;
import java.util.List;

import io.github.wxnetwork.DownloadSuccess;
import io.github.wxnetwork.DownloadTask;
import io.github.wxnetwork.RequestSuccess;
import io.github.wxnetwork.RequestTask;
import io.github.wxnetwork.TaskKind;
import io.github.wxnetwork.UploadSuccess;
import io.github.wxnetwork.UploadTask;
import io.github.wxnetwork.WxMethod;
import io.github.wxnetwork.client.ExchangeParameter.Role;

/**
 * Which {@link TaskKind} a method makes, and what each kind allows. A file {@code @RequestPart} makes an
 * {@code uploadFile} (POST only); a {@link WxFilePath} parameter, or a return type of
 * {@code DownloadTask}, {@code DownloadSuccess} or {@code Path}, a {@code downloadFile} (GET only);
 * anything else a {@code request}. WeChat fixes the method of uploads and downloads, so a mapping that
 * names another one is refused rather than silently sent otherwise.
 */
final class KindRules {

	private KindRules() {
	}

	/** {@code RequestTask}, {@code UploadTask} or {@code DownloadTask}. */
	static Class<?> taskType(TaskKind kind) {
		return switch (kind) {
			case REQUEST -> RequestTask.class;
			case UPLOAD -> UploadTask.class;
			case DOWNLOAD -> DownloadTask.class;
		};
	}

	/** {@code RequestSuccess}, {@code UploadSuccess} or {@code DownloadSuccess}. */
	static Class<?> successType(TaskKind kind) {
		return switch (kind) {
			case REQUEST -> RequestSuccess.class;
			case UPLOAD -> UploadSuccess.class;
			case DOWNLOAD -> DownloadSuccess.class;
		};
	}

	static TaskKind of(ClientMethod method, ExchangeParameters parameters, ReturnType returnType) {
		long fileParts = parameters.count(Role.FILE_PART);
		long targets = parameters.count(Role.TARGET);
		Class<?> value = returnType.valueClass();
		boolean downloadResult = (value == DownloadTask.class && !returnType.async()) || value == DownloadSuccess.class
				|| value == Path.class;
		if (fileParts > 1) {
			throw method.fail("it has " + fileParts + " file parts: uploadFile sends one file");
		}
		if (targets > 1) {
			throw method.fail("it has " + targets + " @WxFilePath parameters: a download is stored in one file");
		}
		if (fileParts == 1) {
			if (targets > 0 || downloadResult) {
				throw method.fail("it has a file part (an upload) and a download's @WxFilePath or result type");
			}
			return TaskKind.UPLOAD;
		}
		if (targets > 0 || downloadResult) {
			return TaskKind.DOWNLOAD;
		}
		if (value == UploadTask.class || value == UploadSuccess.class) {
			throw method.fail(value.getSimpleName() + " needs the file to send: a @RequestPart Path or File parameter");
		}
		return TaskKind.REQUEST;
	}

	/**
	 * Refuses what this kind cannot send: options of another kind, a second body, parts without a file,
	 * an upload that does not POST, a download that does not GET.
	 * @param form whether the parameters are sent as a form body
	 */
	static void check(TaskKind kind, ClientMethod method, WxMethod httpMethod, ExchangeParameters parameters, boolean form) {
		WxOptions methodOptions = method.options();
		if (kind != TaskKind.REQUEST && methodOptions != null
				&& (ClientContext.hasText(methodOptions.dataType()) || methodOptions.responseType().length > 0)) {
			throw method.fail("@WxOptions(dataType, responseType) are options of wx.request, and this method is a "
					+ kind.type());
		}
		List<Integer> bodies = parameters.indexes(Role.BODY);
		List<Integer> parts = parameters.indexes(Role.PART);
		switch (kind) {
			case REQUEST -> {
				if (bodies.size() > 1) {
					throw method
						.fail("it has two bodies: @RequestBody parameters " + bodies + "; a request has one body");
				}
				if (!parts.isEmpty()) {
					throw method.fail("@RequestPart parameter #" + parts.get(0) + " is a field of an upload, and the "
							+ "method has no file part (a @RequestPart Path or File) to upload");
				}
				if (form && !bodies.isEmpty() && !parameters.indexes(Role.PARAM).isEmpty()) {
					throw method.fail("it has two bodies: a @RequestBody and form-encoded @RequestParam parameters");
				}
			}
			case UPLOAD -> {
				if (httpMethod != WxMethod.POST) {
					throw method.fail("it uploads a file, and uploadFile always POSTs: map it with @PostExchange");
				}
				if (!bodies.isEmpty()) {
					throw method.fail("an upload has no @RequestBody: send the fields as @RequestPart parameters");
				}
			}
			case DOWNLOAD -> {
				if (httpMethod != WxMethod.GET) {
					throw method.fail("it is a download, and downloadFile always GETs: map it with @GetExchange");
				}
				if (!bodies.isEmpty() || !parts.isEmpty()) {
					throw method.fail("a download sends no body: drop the @RequestBody / @RequestPart parameters");
				}
			}
		}
	}

}
