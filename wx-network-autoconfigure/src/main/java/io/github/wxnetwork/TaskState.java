package io.github.wxnetwork;

/** Where a task is in its life. Every task starts QUEUED and ends in exactly one terminal state. */
public enum TaskState {

	/** Registered, waiting for a slot of its kind. */
	QUEUED,

	/** Holding a slot: on the network. */
	RUNNING,

	/** Ended with success. */
	SUCCEEDED,

	/** Ended with fail (anything but abort). */
	FAILED,

	/** Ended by {@link WxTask#abort()}. */
	ABORTED;

	public boolean isTerminal() {
		return this == SUCCEEDED || this == FAILED || this == ABORTED;
	}

}
