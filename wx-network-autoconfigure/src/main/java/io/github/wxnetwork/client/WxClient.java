package io.github.wxnetwork.client;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import okhttp3.Interceptor;

import org.springframework.core.annotation.AliasFor;

/**
 * Makes a bean of an interface whose methods are mapped with Spring's {@code @HttpExchange} family and
 * carried out by wx-network's templates, so limits, metrics and the actuator listing apply to them as
 * to any other task.
 *
 * <p>Interfaces under the {@code @SpringBootApplication} package are found without further set-up;
 * {@link EnableWxClients} names other packages or classes. Every method is mapped once, when the
 * application starts: a method that cannot be mapped stops the start-up with a message naming the
 * interface and the method, rather than failing on its first call.
 *
 * <pre class="code">
 * &#64;WxClient(name = "shop", url = "${shop.url}")
 * &#64;HttpExchange("/api")
 * interface ShopClient {
 *     &#64;GetExchange("/items/{id}")
 *     Item item(&#64;PathVariable String id);
 * }
 * </pre>
 *
 * @see io.github.wxnetwork.client
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface WxClient {

	/** Alias for {@link #name()}. */
	@AliasFor("name")
	String value() default "";

	/**
	 * The client's name: the key of its {@code wx.network.clients.<name>.*} properties and part of its
	 * {@code toString()}. Empty: the interface's simple name with a lower-case first letter.
	 */
	@AliasFor("value")
	String name() default "";

	/**
	 * The base URL the {@code @HttpExchange} URLs are joined to; {@code ${...}} placeholders are resolved at
	 * start-up. {@code wx.network.clients.<name>.base-url} overrides it, so a deployment can point the
	 * client elsewhere without a rebuild. May be empty when every method names an absolute URL.
	 */
	String url() default "";

	/**
	 * A bean that implements this interface and answers when a call fails: a {@code WxNetworkException},
	 * an error status ({@code HttpClientErrorException}, {@code HttpServerErrorException}) or an open
	 * circuit. Methods that return a task are not covered: their task reports its own failure. The
	 * client bean is then the primary bean of the interface, so injection by type still finds the client.
	 * {@code void.class} (the default): no fallback.
	 */
	Class<?> fallback() default void.class;

	/**
	 * OkHttp application interceptors of this client's calls only, in this order: each runs once per attempt
	 * of a call, after the {@code WxOkHttpCustomizer}s' interceptors, and sees the request as it is sent (its
	 * final URL and headers; redirect hops are not shown again). The bean of that type is used when the
	 * context has one, else the class is made once (its constructor may take beans) and shared by every
	 * client that names it. A signer reads the body without consuming it with {@code body.writeTo(sink)}:
	 * wx-network's request and upload bodies can be written again, and only the write to the connection moves
	 * upload progress. Stream a large upload through an {@code okio.HashingSink} and sign its digest rather
	 * than copy it into an {@code okio.Buffer}.
	 */
	Class<? extends Interceptor>[] interceptors() default {};

}
