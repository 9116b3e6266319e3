package io.github.wxnetwork.bench;

/**
 * A client under test for the small JSON GET: {@link #call()} makes one whole request to
 * {@code /json} and returns the decoded body (a {@code Map}). Implementations have a public no-argument
 * constructor and read {@link Config}; each runs in its own JVM.
 */
public interface GetClient extends Load.Call, AutoCloseable {

	/** The protocol one more call negotiates (checked by the HTTPS rows); null where the client cannot tell. */
	default String protocol() throws Exception {
		return null;
	}

	@Override
	default void close() throws Exception {
	}

}
