package io.github.wxnetwork.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;

/**
 * Imports wx-network's auto-configuration into a test, with what it reads: Spring Boot's SSL bundles and,
 * when Resilience4j's Spring Boot support is on the classpath, its retry, circuit breaker and bulkhead
 * registries (so {@code resilience4j.*} settings apply as in the application). The list is in
 * {@code META-INF/spring/io.github.wxnetwork.test.AutoConfigureWxNetwork.imports}.
 *
 * @see WxClientTest
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ImportAutoConfiguration
public @interface AutoConfigureWxNetwork {

}
