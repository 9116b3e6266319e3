package io.github.wxnetwork.client;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.AliasFor;

/**
 * Names where {@link WxClient} interfaces are, for applications whose clients live outside the
 * {@code @SpringBootApplication} package or that want only some of them.
 *
 * <p>Its presence switches the automatic scan off, as {@code @EnableJpaRepositories} does for Spring
 * Data: what it names is then the whole set. Without attributes it scans the package of the class it
 * is on.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Import(WxClientsRegistrar.class)
public @interface EnableWxClients {

	/** Alias for {@link #basePackages()}. */
	@AliasFor("basePackages")
	String[] value() default {};

	/** Packages scanned (with their sub-packages) for {@link WxClient} interfaces. */
	@AliasFor("value")
	String[] basePackages() default {};

	/** A type-safe {@link #basePackages()}: the packages of these classes are scanned. */
	Class<?>[] basePackageClasses() default {};

	/** {@link WxClient} interfaces registered as they are, without a scan. */
	Class<?>[] clients() default {};

}
