package io.github.wxnetwork.client;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.github.wxnetwork.Redirect;
import io.github.wxnetwork.ResponseType;

/**
 * The WeChat options of {@code wx.request} that HTTP itself has no word for. On an interface it sets
 * the defaults of every method; on a method it overrides them attribute by attribute (an attribute left
 * at its default inherits the interface's value).
 *
 * <pre class="code">
 * &#64;GetExchange("/logo")
 * &#64;WxOptions(responseType = ResponseType.ARRAYBUFFER, timeout = "${shop.logo-timeout:5s}", enableCache = true)
 * byte[] logo();
 * </pre>
 *
 * <p>WeChat's switches are arrays only so that "not set" can be told from a value: write them as plain
 * values ({@code enableHttp2 = false}), at most one each.
 */
@Target({ ElementType.TYPE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface WxOptions {

	/**
	 * WeChat's {@code dataType}: "json" parses the body, any other value leaves it text. Empty: inherit,
	 * finally "json" ("text" for a method that returns {@code String}, which wants the body as it came).
	 */
	String dataType() default "";

	/**
	 * WeChat's {@code responseType}. An array only so that "not set" can be told from TEXT: give at
	 * most one value. Unset: inherit, finally TEXT for a method that returns a WeChat result or task; a method
	 * that returns decoded data reads the body's bytes.
	 */
	ResponseType[] responseType() default {};

	/**
	 * The timeout of the whole task, as a duration ("5s", "500ms", "PT1M"); {@code ${...}} placeholders
	 * are resolved at start-up. Empty: inherit, then {@code wx.network.clients.<name>.timeout}, then the
	 * kind's {@code wx.network.*.timeout}.
	 */
	String timeout() default "";

	/**
	 * WeChat's {@code redirect}: FOLLOW, or MANUAL to make a 3xx the result. Unset: inherit, finally FOLLOW.
	 */
	Redirect[] redirect() default {};

	/**
	 * WeChat's {@code enableChunked}: the body goes only to chunk listeners, never buffered, so the method
	 * must return a {@code RequestTask} or {@code RequestSuccess} (whose data is null), headers or nothing.
	 * Unset: inherit, finally false.
	 */
	boolean[] enableChunked() default {};

	/** WeChat's {@code enableHttp2}. Unset: inherit, finally {@code wx.network.enable-http2}. */
	boolean[] enableHttp2() default {};

	/** WeChat's {@code enableCache}: GETs may be answered from the HTTP cache. Unset: inherit, finally false. */
	boolean[] enableCache() default {};

	/** WeChat's {@code enableProfile}. Unset: inherit, finally true. */
	boolean[] enableProfile() default {};

}
