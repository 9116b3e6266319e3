package io.github.wxnetwork.engine;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.security.cert.CertificateException;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;

import io.github.wxnetwork.TaskKind;
import io.github.wxnetwork.WxErrno;
import io.github.wxnetwork.WxNetworkException;

/** WeChat's fail reasons and errnos (API.md, section 5), made for one kind of task. */
public final class Failures {

	private Failures() {
	}

	public static WxNetworkException fail(TaskKind kind, String reason, int errno) {
		return new WxNetworkException(kind.api() + ":fail " + reason, errno);
	}

	public static WxNetworkException abort(TaskKind kind) {
		return fail(kind, "abort", WxErrno.ABORT);
	}

	public static WxNetworkException domainNotAllowed(TaskKind kind) {
		return fail(kind, "url not in domain list", WxErrno.URL_NOT_IN_DOMAIN_LIST);
	}

	public static WxNetworkException invalidUrl(TaskKind kind, String url) {
		return fail(kind, "invalid url \"" + url + "\"", WxErrno.INVALID_URL);
	}

	public static WxNetworkException invalidHeader(TaskKind kind, String name) {
		return fail(kind, "invalid header " + printable(name), WxErrno.INVALID_HEADER);
	}

	/** A bad option that WeChat has no errno for: {@code errno} 0. */
	public static WxNetworkException invalid(TaskKind kind, String reason) {
		return fail(kind, reason, WxErrno.NONE);
	}

	/**
	 * What an I/O failure on the wire means for a task that nobody cancelled: our own guard's
	 * verdict (a refused hop or address), a socket timeout, or a connection error with the cause's
	 * message (600001).
	 */
	public static WxNetworkException fromIo(TaskKind kind, IOException ex) {
		if (ex instanceof WxIoException wx) {
			return wx.failure(kind);
		}
		if (ex instanceof BlockedAddressException) {
			return new WxNetworkException(kind.api() + ":fail url not in domain list", WxErrno.URL_NOT_IN_DOMAIN_LIST, ex);
		}
		if (ex instanceof SocketTimeoutException
				|| (ex instanceof InterruptedIOException && "timeout".equals(ex.getMessage()))) {
			return new WxNetworkException(kind.api() + ":fail timeout", WxErrno.TIMEOUT, ex);
		}
		String message = (ex.getMessage() != null) ? ex.getMessage() : ex.getClass().getSimpleName();
		// The cause's message may quote the server's bytes (a broken status line): escaped, it cannot forge a log line.
		return new WxNetworkException(kind.api() + ":fail " + tlsVerdict(ex) + printable(message),
				WxErrno.NETWORK_ERROR, ex);
	}

	/**
	 * What a TLS failure means, in words before the JDK's message (whose "PKIX path building failed" says it
	 * only to those who know): the server's certificate is not trusted or not for this host, or the server
	 * refused ours. Empty for any other failure.
	 */
	private static String tlsVerdict(IOException ex) {
		if (ex instanceof SSLPeerUnverifiedException) {
			return "server certificate not valid for this host: ";
		}
		if (!(ex instanceof SSLException)) {
			return "";
		}
		for (Throwable cause = ex.getCause(); cause != null; cause = cause.getCause()) {
			if (cause instanceof CertificateException) {
				return "server certificate not trusted: ";
			}
		}
		String message = String.valueOf(ex.getMessage());
		if (message.contains("bad_certificate") || message.contains("certificate_required")
				|| message.contains("unknown_ca")) {
			return "client certificate refused by the server: ";
		}
		return "";
	}

	/**
	 * Text from outside (header names, server bytes) is shown in errMsg with CR/LF and other control
	 * characters escaped, so a log line cannot be forged.
	 */
	public static String printable(String text) {
		if (text == null) {
			return "null";
		}
		StringBuilder shown = new StringBuilder(text.length());
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == '\r') {
				shown.append("\\r");
			}
			else if (c == '\n') {
				shown.append("\\n");
			}
			else if (Character.isISOControl(c)) {
				shown.append(String.format("\\u%04x", (int) c));
			}
			else {
				shown.append(c);
			}
		}
		return shown.toString();
	}

}
