package io.github.wxnetwork.engine;

import java.io.IOException;
import java.net.URLConnection;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import io.github.wxnetwork.TaskKind;
import io.github.wxnetwork.UploadOptions;
import io.github.wxnetwork.UploadTask;
import io.github.wxnetwork.WxErrno;
import io.github.wxnetwork.WxUploadTemplate;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.Request;

/** {@link WxUploadTemplate} on the shared engine: a multipart/form-data POST streamed from disk. */
public final class DefaultWxUploadTemplate implements WxUploadTemplate, ClientTemplate<DefaultWxUploadTemplate> {

	private static final TaskKind KIND = TaskKind.UPLOAD;

	private static final MediaType OCTET_STREAM = MediaType.get("application/octet-stream");

	private final TaskLauncher launcher;

	private final RequestRules requestRules;

	private final FileAccess fileAccess;

	private final Duration defaultTimeout;

	private final TaskRoute route;

	public DefaultWxUploadTemplate(TaskLauncher launcher, RequestRules requestRules, FileAccess fileAccess,
			Duration defaultTimeout) {
		this(launcher, requestRules, fileAccess, defaultTimeout, TaskRoute.DEFAULT);
	}

	/**
	 * @param route how the template's tasks are retried (uploads are POST: only if its methods say so) and their transport
	 */
	public DefaultWxUploadTemplate(TaskLauncher launcher, RequestRules requestRules, FileAccess fileAccess,
			Duration defaultTimeout, TaskRoute route) {
		this.launcher = launcher;
		this.requestRules = requestRules;
		this.fileAccess = fileAccess;
		this.defaultTimeout = defaultTimeout;
		this.route = route;
	}

	@Override
	public TaskRoute route() {
		return this.route;
	}

	@Override
	public DefaultWxUploadTemplate withRoute(TaskRoute route) {
		return new DefaultWxUploadTemplate(this.launcher, this.requestRules, this.fileAccess, this.defaultTimeout,
				route);
	}

	@Override
	public UploadTask uploadFile(UploadOptions options) {
		UploadOptions given = (options != null) ? options : UploadOptions.builder(null, null, null).build();
		return this.launcher.start(new DefaultUploadTask(given, this.launcher.engine().callbackExecutor()),
				given.timeout(), this.defaultTimeout, this.route, (task) -> new Prepared<>(
						CallSwitches.tag(new Request.Builder().url(this.requestRules.url(KIND, given.url()))
							.headers(this.requestRules.headers(KIND, given.headers()))
							.post(new ProgressRequestBody(multipart(given), task)), KIND, given, false),
						new UploadRoundTrip(task)));
	}

	/** The file part under {@code name} with its file name and a type guessed from the extension, then formData as text parts. */
	private MultipartBody multipart(UploadOptions options) {
		if (options.name() == null || options.name().isBlank()) {
			throw Failures.invalid(KIND, "invalid name: the file part needs a field name");
		}
		Path file = this.fileAccess.source(KIND, options.filePath());
		MultipartBody.Builder body = new MultipartBody.Builder().setType(MultipartBody.FORM);
		for (Map.Entry<String, String> field : options.formData().entrySet()) {
			if (field.getKey() == null || field.getValue() == null) {
				throw Failures.invalid(KIND, "invalid formData: field " + field.getKey() + " has no value");
			}
			body.addFormDataPart(field.getKey(), field.getValue());
		}
		String fileName = file.getFileName().toString();
		String guessed = URLConnection.getFileNameMap().getContentTypeFor(fileName);
		MediaType type = (guessed != null) ? MediaType.parse(guessed) : null;
		try {
			body.addFormDataPart(options.name(), fileName, new FileRequestBody(file, (type != null) ? type : OCTET_STREAM));
		}
		catch (IOException ex) {
			throw Failures.fail(KIND, "file not found", WxErrno.NONE);
		}
		return body.build();
	}

}
