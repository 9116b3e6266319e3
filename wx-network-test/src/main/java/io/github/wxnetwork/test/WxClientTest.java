package io.github.wxnetwork.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.autoconfigure.OverrideAutoConfiguration;
import org.springframework.boot.test.autoconfigure.json.AutoConfigureJson;
import org.springframework.boot.test.context.filter.annotation.TypeExcludeFilters;
import org.springframework.context.annotation.ComponentScan.Filter;
import org.springframework.core.annotation.AliasFor;
import org.springframework.test.context.BootstrapWith;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * A test of {@code @WxClient} interfaces against a WireMock server: loads wx-network's auto-configuration,
 * Jackson and the tested clients only, with no web server and none of the application's other beans.
 *
 * <ul>
 * <li>The clients are the ones named here; with none named, every {@code @WxClient} in the test's package and
 * below. Their {@code @WxClient(fallback)} and {@code interceptors} components are loaded with them. Other
 * beans a test needs come in with {@code @Import} or {@link #includeFilters()}.</li>
 * <li>A {@code WireMockServer} bean listens on a free loopback port, one per test class, and is reset (with
 * wx-network's HTTP cache) before each test method ({@link AutoConfigureWireMock}).</li>
 * <li>Every tested client's base URL is that server, with the path and query of the client's own URL (its
 * {@code base-url} property, else {@code @WxClient(url)}); a {@code ${...}} placeholder no test defines is left
 * out and does not stop the test.</li>
 * <li>No call leaves the machine: no proxy, {@code allowed-domains} limited to loopback (plus the application's
 * own list), {@code block-private-networks} and {@code require-https} off. The test's own properties win over
 * these.</li>
 * <li>{@code WxRequestTemplate}, {@code WxUploadTemplate} and {@code WxDownloadTemplate} are there too.</li>
 * </ul>
 *
 * <pre class="code">
 * &#64;WxClientTest(CatalogClient.class)
 * class CatalogClientTests {
 *     &#64;Autowired CatalogClient catalog;
 *     &#64;Autowired WireMockServer server;
 * }
 * </pre>
 *
 * <p>Stubs are kept per test class and reset before each method: methods of one class must not run at
 * the same time (JUnit's default, also with classes in parallel).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@BootstrapWith(WxClientTestContextBootstrapper.class)
@ExtendWith(SpringExtension.class)
@OverrideAutoConfiguration(enabled = false)
@TypeExcludeFilters(WxClientTypeExcludeFilter.class)
@AutoConfigureJson
@AutoConfigureWxNetwork
@AutoConfigureWireMock
@ImportAutoConfiguration
public @interface WxClientTest {

	/** Alias for {@link #clients()}. */
	@AliasFor("clients")
	Class<?>[] value() default {};

	/** The {@code @WxClient} interfaces to test; none: every one in the test's package and below. */
	@AliasFor("value")
	Class<?>[] clients() default {};

	/** Properties in {@code key=value} form added to the environment before the test runs. */
	String[] properties() default {};

	/**
	 * Whether the components the tested clients name ({@code fallback}, {@code interceptors}) and Jackson's
	 * components and modules are loaded. Other components of the application never are.
	 */
	boolean useDefaultFilters() default true;

	/** Further components to load from the application's component scan. */
	Filter[] includeFilters() default {};

	/** Components to leave out that the default filters would load. */
	Filter[] excludeFilters() default {};

	/** Auto-configurations of the slice to leave out. */
	@AliasFor(annotation = ImportAutoConfiguration.class, attribute = "exclude")
	Class<?>[] excludeAutoConfiguration() default {};

}
