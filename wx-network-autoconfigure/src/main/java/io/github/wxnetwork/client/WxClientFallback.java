package io.github.wxnetwork.client;

import java.lang.reflect.Method;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import io.github.wxnetwork.WxNetworkException;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;

import org.springframework.aop.support.AopUtils;
import org.springframework.web.client.RestClientResponseException;

/**
 * {@code @WxClient(fallback = X.class)}: when a call fails (a {@link WxNetworkException}, an error status)
 * the fallback bean's method of the same signature answers, with the same arguments; for a future, when
 * the future fails. Other exceptions (a bad argument, a body that cannot be decoded) are mistakes, not
 * outages, and reach the caller. Methods that return a task are not covered: the task is the answer.
 */
final class WxClientFallback implements MethodInterceptor {

	private final Set<Method> covered;

	private final Supplier<Object> fallback;

	/**
	 * @param covered the methods that return data, a result or a future
	 * @param fallback the fallback bean, looked up on first use (it may itself depend on the client)
	 */
	WxClientFallback(Set<Method> covered, Supplier<Object> fallback) {
		this.covered = covered;
		this.fallback = fallback;
	}

	@Override
	public Object invoke(MethodInvocation invocation) throws Throwable {
		Method method = invocation.getMethod();
		if (!this.covered.contains(method)) {
			return invocation.proceed();
		}
		Object[] arguments = invocation.getArguments();
		Object result;
		try {
			result = invocation.proceed();
		}
		catch (WxNetworkException | RestClientResponseException ex) {
			return answer(method, arguments);
		}
		if (result instanceof CompletableFuture<?> future) {
			return answerLater(future, method, arguments);
		}
		return result;
	}

	/** The future's value, or the fallback's future when it fails; cancelling it cancels the call. */
	@SuppressWarnings("unchecked")
	private CompletableFuture<Object> answerLater(CompletableFuture<?> future, Method method, Object[] arguments) {
		CompletableFuture<Object> answered = ReturnShape.linked(() -> future.cancel(true));
		future.whenComplete((value, failure) -> {
			Throwable cause = ReturnShape.unwrap(failure);
			if (cause == null) {
				answered.complete(value);
			}
			else if (!isOutage(cause)) {
				answered.completeExceptionally(cause);
			}
			else {
				try {
					((CompletableFuture<Object>) answer(method, arguments)).whenComplete((fallbackValue, fallbackFailure) -> {
						if (fallbackFailure != null) {
							answered.completeExceptionally(fallbackFailure);
						}
						else {
							answered.complete(fallbackValue);
						}
					});
				}
				catch (Throwable ex) {
					answered.completeExceptionally(ex);
				}
			}
		});
		return answered;
	}

	/** What the fallback answers (as the catch in {@link #invoke} does): a wx-network failure or an error status. */
	private static boolean isOutage(Throwable failure) {
		return failure instanceof WxNetworkException || failure instanceof RestClientResponseException;
	}

	private Object answer(Method method, Object[] arguments) throws Throwable {
		return AopUtils.invokeJoinpointUsingReflection(this.fallback.get(), method, arguments);
	}

}
