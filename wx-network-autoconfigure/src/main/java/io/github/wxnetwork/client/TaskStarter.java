package io.github.wxnetwork.client;

import io.github.wxnetwork.WxTask;

/** Builds one kind's options from a call and hands them to that kind's template. */
@FunctionalInterface
interface TaskStarter {

	WxTask<?> start(String url, CallState call);

}
