package io.github.wxnetwork.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Gives a test's application context a started {@code WireMockServer} bean (named {@code wireMockServer}) on
 * a free port of the loopback address, stopped when the context closes. Each test class gets its own server
 * (its own context, closed after the class), so classes may run in parallel; the server is reset
 * ({@code resetAll()}: stubs, request journal, scenarios), and wx-network's HTTP cache emptied, before each
 * test method. Its address is in the properties {@code wiremock.server.port}
 * and {@code wiremock.server.baseUrl} ({@code http://127.0.0.1:<port>}), for settings that name it.
 *
 * <p>Part of {@link WxClientTest}; also usable on its own, on a {@code @SpringBootTest} for instance.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface AutoConfigureWireMock {

}
