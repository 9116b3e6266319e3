package io.github.wxnetwork.engine;

import java.io.IOException;
import java.net.ProtocolException;

import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Follows redirects the way OkHttp does, one step earlier: each hop is checked by the {@link HostGuard}
 * before it is sent, so a refused host is never connected to (OkHttp's own follow-up would connect
 * first and let a network interceptor refuse it after). It also keeps {@code redirect: manual} (the 3xx
 * is the result) and tells the task's profile where each hop starts. The engine's client has OkHttp's
 * own redirects off and this as its innermost application interceptor.
 */
final class RedirectFollower implements Interceptor {

	/** OkHttp's and Chrome's limit (Firefox allows 20 too). */
	static final int MAX_FOLLOW_UPS = 20;

	private final HostGuard guard;

	private final boolean followSslRedirects;

	RedirectFollower(HostGuard guard, boolean followSslRedirects) {
		this.guard = guard;
		this.followSslRedirects = followSslRedirects;
	}

	@Override
	public Response intercept(Chain chain) throws IOException {
		Request request = chain.request();
		if (!request.url().equals(chain.call().request().url())) {
			// An interceptor (a client's, or the application's) sent the call elsewhere: that host is judged too.
			this.guard.check(request.url());
		}
		Response response = chain.proceed(request);
		CallSwitches switches = request.tag(CallSwitches.class);
		if (switches != null && !switches.followRedirects()) {
			return response;
		}
		ProfileRecorder profile = request.tag(ProfileRecorder.class);
		for (int followUp = 1;; followUp++) {
			Request next = followUp(response);
			if (next == null) {
				return response;
			}
			response.close();
			if (followUp > MAX_FOLLOW_UPS) {
				throw new TooManyFollowUps(followUp);
			}
			this.guard.check(next.url());
			if (profile != null) {
				profile.redirected(response.request().url().host().equals(next.url().host()));
			}
			response = chain.proceed(next);
		}
	}

	/**
	 * The request a 3xx leads to, or null when it leads nowhere to follow. OkHttp's rules: 307 and 308 keep
	 * the method and body, the others turn a request with a body into a bodiless GET; credentials
	 * ({@code Authorization}, and a {@code Cookie} header set by hand) stay on the origin given them.
	 */
	private Request followUp(Response response) {
		int code = response.code();
		if (code != 300 && code != 301 && code != 302 && code != 303 && code != 307 && code != 308) {
			return null;
		}
		String location = response.header("Location");
		Request request = response.request();
		HttpUrl url = (location != null) ? request.url().resolve(location) : null;
		if (url == null || (!url.scheme().equals(request.url().scheme()) && !this.followSslRedirects)) {
			return null;
		}
		// An HTTP proxy's credentials, which OkHttp added to the request it answered a 407 for, are the proxy's:
		// through a CONNECT tunnel (an http -> https hop) they would reach the server. The authenticator adds
		// them again for the proxy when it asks.
		Request.Builder next = request.newBuilder().url(url).removeHeader("Proxy-Authorization");
		String method = request.method();
		if (!method.equals("GET") && !method.equals("HEAD")) {
			if (code == 307 || code == 308) {
				if (request.body() != null && request.body().isOneShot()) {
					return null;
				}
				next.method(method, request.body());
			}
			else {
				next.method("GET", null)
					.removeHeader("Transfer-Encoding")
					.removeHeader("Content-Length")
					.removeHeader("Content-Type");
			}
		}
		if (!sameOrigin(request.url(), url)) {
			// Credentials the caller set by hand are for the origin it named (curl drops both too); a
			// CookieJar, if the application has one, still adds the cookies of the next origin.
			next.removeHeader("Authorization").removeHeader("Cookie");
		}
		return next.build();
	}

	private static boolean sameOrigin(HttpUrl a, HttpUrl b) {
		return a.scheme().equals(b.scheme()) && a.host().equals(b.host()) && a.port() == b.port();
	}

	/** OkHttp's message for a redirect loop; a retry would go round the same loop, so none is made. */
	static final class TooManyFollowUps extends ProtocolException {

		private static final long serialVersionUID = 1L;

		TooManyFollowUps(int followUps) {
			super("Too many follow-up requests: " + followUps);
		}

	}

}
