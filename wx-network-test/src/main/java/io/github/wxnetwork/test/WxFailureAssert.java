package io.github.wxnetwork.test;

import io.github.wxnetwork.WxNetworkException;

import org.assertj.core.api.AbstractThrowableAssert;

/** Assertions on the {@link WxNetworkException} a task failed with: its errMsg and errno (contract §5). */
public final class WxFailureAssert extends AbstractThrowableAssert<WxFailureAssert, WxNetworkException> {

	WxFailureAssert(WxNetworkException failure) {
		super(failure, WxFailureAssert.class);
	}

	/** The exact errMsg, e.g. {@code "downloadFile:fail exceed max file size"}. */
	public WxFailureAssert hasErrMsg(String errMsg) {
		if (!this.actual.errMsg().equals(errMsg)) {
			throw failureWithActualExpected(this.actual.errMsg(), errMsg,
					"expected errMsg \"%s\" but was \"%s\" (errno %s)", errMsg, this.actual.errMsg(),
					this.actual.errno());
		}
		return this;
	}

	/** WeChat's errno, e.g. 5 for a timeout; 0 where WeChat gives none. */
	public WxFailureAssert hasErrno(int errno) {
		if (this.actual.errno() != errno) {
			throw failureWithActualExpected(this.actual.errno(), errno, "expected errno %s but was %s (errMsg \"%s\")",
					errno, this.actual.errno(), this.actual.errMsg());
		}
		return this;
	}

}
