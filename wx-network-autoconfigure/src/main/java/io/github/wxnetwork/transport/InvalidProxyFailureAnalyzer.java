package io.github.wxnetwork.transport;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Reports a bad proxy property at start-up as Boot reports bad properties, without the password. */
class InvalidProxyFailureAnalyzer extends AbstractFailureAnalyzer<InvalidProxyException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidProxyException cause) {
		return new FailureAnalysis("Invalid value '" + cause.maskedValue() + "' for configuration property '"
				+ cause.property() + "': " + cause.reason() + ".",
				"Set " + cause.property() + " to http://[user:password@]host:port (user and password percent-encoded), "
						+ "socks5://host:port, or none.",
				cause);
	}

}
