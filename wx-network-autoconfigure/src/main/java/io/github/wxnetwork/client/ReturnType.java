package io.github.wxnetwork.client;

import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.util.Iterator;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Future;
import java.util.stream.BaseStream;

import io.github.wxnetwork.WxTask;

import org.springframework.core.GenericTypeResolver;
import org.springframework.core.ResolvableType;
import org.springframework.util.ClassUtils;

/**
 * What a mapped method returns, with the interface's type variables resolved, so that the type to
 * decode is known at start-up. Shapes that only look supported (other futures, {@code Optional},
 * streams, reactive types) are refused here rather than failing a call.
 *
 * @param type the whole return type, type variables of the interface resolved
 * @param async whether it is a {@code CompletableFuture}
 * @param value the type of the value: the return type, or the future's type argument
 */
record ReturnType(ResolvableType type, boolean async, ResolvableType value) {

	private static final String SUPPORTED = "a plain type (decoded data), String, byte[], RequestSuccess, "
			+ "CompletableFuture<T>, RequestTask, UploadTask, DownloadTask, DownloadSuccess, Path or void";

	Class<?> valueClass() {
		return this.value.toClass();
	}

	static ReturnType of(ClientMethod method) {
		Method javaMethod = method.method();
		if (javaMethod.getTypeParameters().length > 0) {
			throw method.fail("a generic method cannot be mapped: the type to decode must be known at start-up");
		}
		Type generic = GenericTypeResolver.resolveType(javaMethod.getGenericReturnType(), method.client().type());
		if (hasTypeVariable(generic)) {
			throw method.fail("its return type " + generic.getTypeName() + " has an unresolved type variable");
		}
		ResolvableType type = ResolvableType.forType(generic);
		Class<?> raw = type.toClass();
		if (raw == CompletableFuture.class) {
			if (!(generic instanceof ParameterizedType parameterized)
					|| parameterized.getActualTypeArguments()[0] instanceof WildcardType) {
				throw method.fail("CompletableFuture needs its type argument, as in CompletableFuture<Item>");
			}
			ResolvableType value = type.getGeneric(0);
			refuseUnsupported(method, generic, value.toClass());
			if (WxTask.class.isAssignableFrom(value.toClass())) {
				throw method
					.fail("the return type " + generic.getTypeName() + " is not supported: return the task itself");
			}
			return new ReturnType(type, true, value);
		}
		refuseUnsupported(method, generic, raw);
		return new ReturnType(type, false, type);
	}

	private static void refuseUnsupported(ClientMethod method, Type whole, Class<?> type) {
		boolean unsupported = Future.class.isAssignableFrom(type) || CompletionStage.class.isAssignableFrom(type)
				|| type == WxTask.class || type == Optional.class || BaseStream.class.isAssignableFrom(type)
				|| Iterator.class.isAssignableFrom(type) || isReactive(type);
		if (unsupported) {
			throw method.fail("the return type " + whole.getTypeName() + " is not supported: return " + SUPPORTED);
		}
	}

	/** By name, so that neither Reactive Streams nor Kotlin is needed on the class path. */
	private static boolean isReactive(Class<?> type) {
		for (Class<?> candidate : ClassUtils.getAllInterfacesForClassAsSet(type)) {
			if (candidate.getName().equals("org.reactivestreams.Publisher")
					|| candidate.getName().equals("kotlinx.coroutines.flow.Flow")) {
				return true;
			}
		}
		return type.getName().equals("org.reactivestreams.Publisher");
	}

	private static boolean hasTypeVariable(Type type) {
		if (type instanceof TypeVariable<?>) {
			return true;
		}
		if (type instanceof ParameterizedType parameterized) {
			for (Type argument : parameterized.getActualTypeArguments()) {
				if (hasTypeVariable(argument)) {
					return true;
				}
			}
			return false;
		}
		if (type instanceof GenericArrayType array) {
			return hasTypeVariable(array.getGenericComponentType());
		}
		if (type instanceof WildcardType wildcard) {
			for (Type bound : wildcard.getUpperBounds()) {
				if (hasTypeVariable(bound)) {
					return true;
				}
			}
		}
		return false;
	}

}
