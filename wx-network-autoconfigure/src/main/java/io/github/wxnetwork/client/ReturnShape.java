package io.github.wxnetwork.client;

import java.io.File;
import java.io.InputStream;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.BaseStream;

import io.github.wxnetwork.DownloadSuccess;
import io.github.wxnetwork.DownloadTask;
import io.github.wxnetwork.RequestSuccess;
import io.github.wxnetwork.RequestTask;
import io.github.wxnetwork.UploadSuccess;
import io.github.wxnetwork.UploadTask;
import io.github.wxnetwork.WxTask;

import org.springframework.core.GenericTypeResolver;
import org.springframework.core.ReactiveAdapterRegistry;
import org.springframework.core.ResolvableType;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;

/**
 * What a mapped method returns, read once at start-up, and how a task becomes that: the task itself,
 * its result (WeChat's rule: any status is a success), or decoded data. {@code Optional} is unwrapped
 * here and re-wrapped by Spring's own proxy, as for a RestClient-backed interface.
 *
 * @param form what is returned
 * @param async whether it comes in a {@code CompletableFuture}
 * @param data the type of the data a BODY or ENTITY form decodes ({@code Void}: none), else null
 * @param valueClass the return type, or the type argument of its future or {@code Optional}
 */
record ReturnShape(Form form, boolean async, ResolvableType data, Class<?> valueClass) {

	private static final String SUPPORTED = "a plain type (decoded data), ResponseEntity<T>, HttpHeaders, void, "
			+ "RequestSuccess, UploadSuccess, DownloadSuccess, Path, RequestTask, UploadTask, DownloadTask, "
			+ "or a CompletableFuture of a result";

	enum Form {

		/** {@code RequestTask}, {@code UploadTask}, {@code DownloadTask}: returned at once. */
		TASK,
		/** {@code RequestSuccess} and its kin: any status is a success. */
		SUCCESS,
		/** Decoded data; the forms from here on throw on an error status. */
		BODY, ENTITY, HEADERS, VOID

	}

	Class<?> dataClass() {
		return (this.data != null) ? this.data.toClass() : null;
	}

	Type bodyType() {
		return (this.data != null) ? this.data.getType() : null;
	}

	/** Whether the method returns decoded data, which an error status turns into an exception. */
	boolean returnsData() {
		return this.form != Form.TASK && this.form != Form.SUCCESS;
	}

	static ReturnShape of(Class<?> client, Method method) {
		if (method.getTypeParameters().length > 0) {
			throw refuse(client, method, "a generic method cannot be mapped: the type to decode must be known at start-up");
		}
		Type generic = GenericTypeResolver.resolveType(method.getGenericReturnType(), client);
		ResolvableType type = ResolvableType.forType(generic);
		Class<?> raw = type.toClass();
		boolean async = raw == CompletableFuture.class;
		ResolvableType value = type;
		if (async || raw == Optional.class) {
			if (!(generic instanceof ParameterizedType parameterized)
					|| parameterized.getActualTypeArguments()[0] instanceof WildcardType) {
				throw refuse(client, method, raw.getSimpleName() + " needs its type argument, as in "
						+ raw.getSimpleName() + "<Item>");
			}
			value = type.getGeneric(0);
		}
		if (hasTypeVariable(value.getType())) {
			throw refuse(client, method, "its return type " + generic.getTypeName() + " has an unresolved type variable");
		}
		Class<?> valueClass = value.toClass();
		if (isUnsupported(valueClass)) {
			throw refuse(client, method, "the return type " + generic.getTypeName() + " is not supported: return " + SUPPORTED);
		}
		if (valueClass == RequestTask.class || valueClass == UploadTask.class || valueClass == DownloadTask.class) {
			if (value != type) {
				throw refuse(client, method, "the return type " + generic.getTypeName() + " is not supported: return the task itself");
			}
			return new ReturnShape(Form.TASK, false, null, valueClass);
		}
		if (valueClass == RequestSuccess.class || valueClass == UploadSuccess.class || valueClass == DownloadSuccess.class) {
			return new ReturnShape(Form.SUCCESS, async, null, valueClass);
		}
		if (valueClass == ResponseEntity.class) {
			ResolvableType body = value.getGeneric(0);
			if (hasTypeVariable(body.getType()) || body.getType() instanceof WildcardType) {
				throw refuse(client, method, "ResponseEntity needs its body type, as in ResponseEntity<Item>");
			}
			return new ReturnShape(Form.ENTITY, async, body, valueClass);
		}
		if (valueClass == HttpHeaders.class) {
			return new ReturnShape(Form.HEADERS, async, null, valueClass);
		}
		if (valueClass == void.class || valueClass == Void.class) {
			return new ReturnShape(Form.VOID, async, null, valueClass);
		}
		return new ReturnShape(Form.BODY, async, value, valueClass);
	}

	/** Whether the method waits for its task before it returns (then it is the first to join the task). */
	boolean blocks() {
		return this.form != Form.TASK && !this.async;
	}

	/** The method's return value: the task, its result, or what {@code read} makes of its result. */
	Object adapt(WxTask<?> task, Function<Object, Object> read) {
		return switch (this.form) {
			case TASK -> task;
			case SUCCESS -> this.async ? task.toCompletableFuture() : task.join();
			default -> this.async ? derived(task, read) : read.apply(task.join());
		};
	}

	/** A future of the decoded value; cancelling it aborts the task, as cancelling the task's own future does. */
	private static CompletableFuture<Object> derived(WxTask<?> task, Function<Object, Object> read) {
		CompletableFuture<Object> result = linked(task::abort);
		task.toCompletableFuture().whenComplete((success, failure) -> {
			if (failure != null) {
				result.completeExceptionally(unwrap(failure));
				return;
			}
			try {
				result.complete(read.apply(success));
			}
			catch (RuntimeException | Error ex) {
				result.completeExceptionally(ex);
			}
		});
		return result;
	}

	/** A new future whose cancellation runs {@code onCancel}: it reaches what the future stands for. */
	static CompletableFuture<Object> linked(Runnable onCancel) {
		CompletableFuture<Object> future = new CompletableFuture<>();
		future.whenComplete((value, failure) -> {
			if (future.isCancelled()) {
				onCancel.run();
			}
		});
		return future;
	}

	/** The failure itself, not the {@code CompletionException} a dependent stage wraps it in. */
	static Throwable unwrap(Throwable failure) {
		return (failure instanceof CompletionException && failure.getCause() != null) ? failure.getCause() : failure;
	}

	/**
	 * Futures other than CompletableFuture, reactive types (Spring's registry knows them), streams, and
	 * what a RestClient reads with converters wx-network does not have (InputStream, Resource, File).
	 */
	private static boolean isUnsupported(Class<?> type) {
		return Future.class.isAssignableFrom(type) || type == WxTask.class || type == Optional.class
				|| ReactiveAdapterRegistry.getSharedInstance().getAdapter(type) != null
				|| BaseStream.class.isAssignableFrom(type) || Iterator.class.isAssignableFrom(type)
				|| InputStream.class.isAssignableFrom(type) || Resource.class.isAssignableFrom(type)
				|| type == File.class;
	}

	private static boolean hasTypeVariable(Type type) {
		return type instanceof TypeVariable<?>
				|| (type instanceof ParameterizedType parameterized
						&& Arrays.stream(parameterized.getActualTypeArguments()).anyMatch(ReturnShape::hasTypeVariable))
				|| (type instanceof GenericArrayType array && hasTypeVariable(array.getGenericComponentType()))
				|| (type instanceof WildcardType wildcard
						&& Arrays.stream(wildcard.getUpperBounds()).anyMatch(ReturnShape::hasTypeVariable));
	}

	private static WxClientDefinitionException refuse(Class<?> client, Method method, String reason) {
		return new WxClientDefinitionException(client, method, reason);
	}

}
