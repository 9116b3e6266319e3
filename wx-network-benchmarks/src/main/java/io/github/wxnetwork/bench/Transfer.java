package io.github.wxnetwork.bench;

import java.nio.file.Path;

/**
 * A client under test for the 50 MiB transfers: {@link #run} makes one whole transfer (a download into
 * {@code target}, or an upload of {@link Config#bigFile()}) and returns when it is complete. Several run at
 * once, one per thread. Implementations have a public no-argument constructor and read {@link Config}.
 */
public interface Transfer extends AutoCloseable {

	/** @param target where a download goes (a fresh path each time); ignored by uploads */
	void run(Path target) throws Exception;

	/** Whether this is an upload (the suite checks nginx read every byte of those). */
	default boolean upload() {
		return false;
	}

	/** Whether the client runs in this JVM (curl does not: its heap is not ours to measure). */
	default boolean inProcess() {
		return true;
	}

	/** The protocol one small call on this client negotiates (checked by the HTTPS rows); null where unknown. */
	default String protocol() throws Exception {
		return null;
	}

	@Override
	default void close() throws Exception {
	}

}
