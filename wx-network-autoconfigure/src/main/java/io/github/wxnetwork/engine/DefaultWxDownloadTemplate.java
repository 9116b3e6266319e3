package io.github.wxnetwork.engine;

import java.nio.file.Path;
import java.time.Duration;

import io.github.wxnetwork.DownloadOptions;
import io.github.wxnetwork.DownloadTask;
import io.github.wxnetwork.TaskKind;
import io.github.wxnetwork.WxDownloadTemplate;
import okhttp3.Request;

/** {@link WxDownloadTemplate} on the shared engine: a GET streamed to disk. */
public final class DefaultWxDownloadTemplate implements WxDownloadTemplate, ClientTemplate<DefaultWxDownloadTemplate> {

	private static final TaskKind KIND = TaskKind.DOWNLOAD;

	private final TaskLauncher launcher;

	private final RequestRules requestRules;

	private final FileAccess fileAccess;

	private final TempFiles tempFiles;

	private final long maxFileSize;

	private final Duration defaultTimeout;

	private final TaskRoute route;

	/**
	 * @param maxFileSize the most body bytes a download may receive
	 */
	public DefaultWxDownloadTemplate(TaskLauncher launcher, RequestRules requestRules, FileAccess fileAccess,
			TempFiles tempFiles, long maxFileSize, Duration defaultTimeout) {
		this(launcher, requestRules, fileAccess, tempFiles, maxFileSize, defaultTimeout, TaskRoute.DEFAULT);
	}

	/**
	 * @param route how the template's tasks are retried (a download cut in its body resumes) and their transport
	 */
	public DefaultWxDownloadTemplate(TaskLauncher launcher, RequestRules requestRules, FileAccess fileAccess,
			TempFiles tempFiles, long maxFileSize, Duration defaultTimeout, TaskRoute route) {
		this.launcher = launcher;
		this.requestRules = requestRules;
		this.fileAccess = fileAccess;
		this.tempFiles = tempFiles;
		this.maxFileSize = maxFileSize;
		this.defaultTimeout = defaultTimeout;
		this.route = route;
	}

	@Override
	public TaskRoute route() {
		return this.route;
	}

	@Override
	public DefaultWxDownloadTemplate withRoute(TaskRoute route) {
		return new DefaultWxDownloadTemplate(this.launcher, this.requestRules, this.fileAccess, this.tempFiles,
				this.maxFileSize, this.defaultTimeout, route);
	}

	@Override
	public DownloadTask downloadFile(DownloadOptions options) {
		DownloadOptions given = (options != null) ? options : DownloadOptions.builder(null).build();
		return this.launcher.start(new DefaultDownloadTask(given, this.launcher.engine().callbackExecutor()),
				given.timeout(), this.defaultTimeout, this.route, (task) -> {
					Request.Builder request = CallSwitches.tag(new Request.Builder().url(this.requestRules.url(KIND, given.url()))
						.headers(this.requestRules.headers(KIND, given.headers())), KIND, given, false);
					Path target = (given.filePath() != null) ? this.fileAccess.target(KIND, given.filePath()) : null;
					return new Prepared<>(request, new DownloadRoundTrip(task, target, this.tempFiles, this.maxFileSize));
				});
	}

}
