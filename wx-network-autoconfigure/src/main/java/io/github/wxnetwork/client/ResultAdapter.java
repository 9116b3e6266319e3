package io.github.wxnetwork.client;

import io.github.wxnetwork.WxTask;

/** Turns a started task into what the method returns; chosen once at start-up from the return type. */
@FunctionalInterface
interface ResultAdapter {

	Object adapt(WxTask<?> task);

}
