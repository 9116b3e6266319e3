package io.github.wxnetwork.autoconfigure;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.beans.factory.annotation.Qualifier;

/**
 * Marks the {@code OkHttpClient} bean wx-network should derive its engine's client from (its connection
 * pool, dispatcher, interceptors), as {@code @LiquibaseDataSource} marks Liquibase's {@code DataSource}.
 * Without it, wx-network builds its own client and ignores any other {@code OkHttpClient} bean, so a
 * client the application defines for something else never changes wx-network's timeouts or pool.
 *
 * <p>Whichever client is the base, its connect, read and write timeouts are turned off (a task's own
 * timeout bounds the whole task, as WeChat's does) before the {@link WxOkHttpCustomizer} beans run.
 */
@Target({ ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.TYPE, ElementType.ANNOTATION_TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Qualifier
public @interface WxOkHttpClient {

}
