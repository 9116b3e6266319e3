package io.github.wxnetwork.engine;

import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

import io.github.wxnetwork.TaskKind;
import io.github.wxnetwork.TaskOptions;

/**
 * What upload and download tasks add to every task: progress listeners.
 *
 * @param <R> the success result
 * @param <P> the progress event
 */
abstract class TransferTask<R, P> extends AbstractWxTask<R> {

	private final Listeners<P> progress;

	TransferTask(TaskKind kind, String method, TaskOptions<R> options, List<Consumer<P>> progressListeners,
			Executor callbackExecutor) {
		super(kind, method, options, callbackExecutor);
		this.progress = new Listeners<>(progressListeners);
	}

	final Listeners<P> progressListeners() {
		return this.progress;
	}

}
