package io.github.wxnetwork.autoconfigure;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.wxnetwork.RequestOptions;
import io.github.wxnetwork.RequestTask;
import io.github.wxnetwork.TaskState;
import io.github.wxnetwork.WxNetworkException;
import io.github.wxnetwork.WxRequestTemplate;
import io.github.wxnetwork.engine.AbstractWxTask;
import io.github.wxnetwork.engine.DefaultWxRequestTemplate;
import io.github.wxnetwork.engine.HostGuard;
import io.github.wxnetwork.engine.RequestFactory;
import io.github.wxnetwork.TaskKind;
import io.github.wxnetwork.engine.TaskLauncher;
import io.github.wxnetwork.engine.TaskRegistry;
import io.github.wxnetwork.engine.WxHttpEngine;
import io.github.wxnetwork.limits.TaskLimiter;
import okhttp3.ConnectionPool;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.annotation.ImportCandidates;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Which beans {@link WxNetworkAutoConfiguration} registers, and how each one backs off when the
 * application brings its own.
 */
class WxNetworkAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WxNetworkAutoConfiguration.class));

	@Test
	void autoConfigurationIsListedInAutoConfigurationImports() {
		List<String> candidates = ImportCandidates.load(AutoConfiguration.class, getClass().getClassLoader())
			.getCandidates();
		assertThat(candidates).contains(WxNetworkAutoConfiguration.class.getName());
	}

	@Test
	void whenNoUserBeansThenTemplatesAndClientAreRegistered() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).hasSingleBean(WxRequestTemplate.class);
			assertThat(context).hasSingleBean(OkHttpClient.class);
			assertThat(context).hasSingleBean(WxHttpEngine.class);
			assertThat(context).hasSingleBean(TaskLauncher.class);
			assertThat(context).hasSingleBean(TaskRegistry.class);
			assertThat(context).hasSingleBean(RequestFactory.class);
			assertThat(context).hasSingleBean(HostGuard.class);
			assertThat(context).hasSingleBean(TaskLimiter.class);
			assertThat(context).hasSingleBean(WxNetworkProperties.class);
			assertThat(context.getBean(WxRequestTemplate.class)).isInstanceOf(DefaultWxRequestTemplate.class);
			// The launcher runs on the context's engine, not on a private one.
			assertThat(context.getBean(TaskLauncher.class).engine()).isSameAs(context.getBean(WxHttpEngine.class));
		});
	}

	@Test
	void whenNoUserBeansThenClientHasNoOkHttpTimeoutsAndEngineSharesItsPool() {
		this.contextRunner.run((context) -> {
			OkHttpClient client = context.getBean(OkHttpClient.class);
			// Each task's own timeout bounds the exchange; OkHttp's per-phase timeouts are off.
			assertThat(client.connectTimeoutMillis()).isZero();
			assertThat(client.readTimeoutMillis()).isZero();
			assertThat(client.writeTimeoutMillis()).isZero();
			WxHttpEngine engine = context.getBean(WxHttpEngine.class);
			assertThat(engine.client().connectionPool()).isSameAs(client.connectionPool());
			assertThat(engine.client().dispatcher()).isSameAs(client.dispatcher());
		});
	}

	@Test
	void whenOkHttpIsNotOnTheClasspathThenAutoConfigurationBacksOff() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(OkHttpClient.class)).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).doesNotHaveBean(WxRequestTemplate.class);
			assertThat(context).doesNotHaveBean(WxHttpEngine.class);
			assertThat(context).doesNotHaveBean(WxNetworkProperties.class);
		});
	}

	@Test
	void whenJacksonAutoConfigurationIsPresentThenRequestFactoryUsesContextJsonMapper() {
		// Listed before Jackson on purpose: afterName must order ours after it regardless.
		new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(WxNetworkAutoConfiguration.class, JacksonAutoConfiguration.class))
			.run((context) -> {
				assertThat(context).hasSingleBean(JsonMapper.class);
				JsonMapper contextMapper = context.getBean(JsonMapper.class);
				assertThat(context.getBean(RequestFactory.class).jsonMapper()).isSameAs(contextMapper);
			});
	}

	@Test
	void whenUserDefinesJsonMapperThenRequestFactoryUsesIt() {
		this.contextRunner.withUserConfiguration(UserJsonMapperConfiguration.class).run((context) -> {
			assertThat(context.getBean(RequestFactory.class).jsonMapper())
				.isSameAs(context.getBean("userJsonMapper"));
		});
	}

	@Test
	void whenNoJsonMapperBeanThenRequestFactoryFallsBackToSharedMapper() {
		this.contextRunner.run((context) -> {
			assertThat(context).doesNotHaveBean(JsonMapper.class);
			assertThat(context.getBean(RequestFactory.class).jsonMapper()).isSameAs(JsonMapper.shared());
		});
	}

	@Test
	void whenUserDefinesOkHttpClientThenItIsUsedAndEngineSharesItsConnectionPool() {
		this.contextRunner.withUserConfiguration(UserOkHttpClientConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(OkHttpClient.class);
			OkHttpClient userClient = context.getBean(OkHttpClient.class);
			assertThat(userClient).isSameAs(context.getBean("userOkHttpClient"));
			assertThat(userClient.connectionPool()).isSameAs(UserOkHttpClientConfiguration.POOL);
			WxHttpEngine engine = context.getBean(WxHttpEngine.class);
			assertThat(engine.client().connectionPool()).isSameAs(userClient.connectionPool());
			// The derived client keeps the user's settings, not ours.
			assertThat(engine.client().connectTimeoutMillis()).isEqualTo(1234);
		});
	}

	@Test
	void whenUserDefinesWxRequestTemplateThenItReplacesOurs() {
		this.contextRunner.withUserConfiguration(UserTemplateConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(WxRequestTemplate.class);
			assertThat(context.getBean(WxRequestTemplate.class)).isSameAs(UserTemplateConfiguration.TEMPLATE);
			assertThat(context).doesNotHaveBean(DefaultWxRequestTemplate.class);
			// The rest of the engine is still there for other users of it.
			assertThat(context).hasSingleBean(WxHttpEngine.class);
		});
	}

	@Test
	void whenUserDefinesTaskLimiterThenItBacksOffAndTasksGoThroughIt() {
		this.contextRunner.withUserConfiguration(UserTaskLimiterConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(TaskLimiter.class);
			RecordingLimiter limiter = context.getBean(RecordingLimiter.class);
			assertThat(context.getBean(TaskLimiter.class)).isSameAs(limiter);
			assertThat(context.getBean(TaskLimiter.class)).isNotSameAs(TaskLimiter.UNLIMITED);

			// The user's limiter never starts the task: it stays QUEUED and never touches the network.
			RequestTask task = context.getBean(WxRequestTemplate.class)
				.request(RequestOptions.builder("http://localhost:1/never").build());
			assertThat(limiter.submitted).singleElement().isSameAs(task);
			assertThat(task.state()).isEqualTo(TaskState.QUEUED);
			assertThat(context.getBean(TaskRegistry.class).find(task.id())).containsSame((AbstractWxTask<?>) task);

			task.abort();
			assertThatExceptionOfType(WxNetworkException.class).isThrownBy(task::join)
				.satisfies((ex) -> assertThat(ex.errMsg()).isEqualTo("request:fail abort"));
			assertThat(limiter.ended).containsExactly(task.id() + ":false");
			assertThat(context.getBean(TaskRegistry.class).find(task.id())).isEmpty();
		});
	}

	@Test
	void whenUserDefinesHostGuardThenItBacksOffAndTheUsersGuardIsEnforced() {
		this.contextRunner.withUserConfiguration(UserHostGuardConfiguration.class)
			.withPropertyValues("wx.network.allowed-domains=ignored.example")
			.run((context) -> {
				assertThat(context).hasSingleBean(HostGuard.class);
				HostGuard guard = context.getBean(HostGuard.class);
				assertThat(guard).isSameAs(UserHostGuardConfiguration.GUARD);
				// The engine checks redirect hops with the user's guard.
				assertThat(context.getBean(WxHttpEngine.class).client().networkInterceptors()).contains(guard);
				// The factory checks URLs with it too: the user's list wins over the property.
				RequestFactory factory = context.getBean(RequestFactory.class);
				assertThat(factory.url(TaskKind.REQUEST, "http://only.example/x").host()).isEqualTo("only.example");
				assertThatExceptionOfType(WxNetworkException.class)
					.isThrownBy(() -> factory.url(TaskKind.REQUEST, "http://ignored.example/x"))
					.satisfies((ex) -> assertThat(ex.errMsg()).isEqualTo("request:fail url not in domain list"));
			});
	}

	@Test
	void whenNoAllowListThenEngineAddsNoHostGuardInterceptor() {
		this.contextRunner.run((context) -> assertThat(context.getBean(WxHttpEngine.class).client().networkInterceptors())
			.noneMatch(HostGuard.class::isInstance));
	}

	@Test
	void whenCustomizersAreDefinedThenTheyAreAppliedInOrder() {
		this.contextRunner.withUserConfiguration(CustomizerConfiguration.class).run((context) -> {
			OkHttpClient client = context.getBean(OkHttpClient.class);
			assertThat(client.interceptors()).filteredOn(NamedInterceptor.class::isInstance)
				.extracting((interceptor) -> ((NamedInterceptor) interceptor).name())
				.containsExactly("first", "second", "third");
			// The engine's client is derived from it and keeps them, in the same order.
			assertThat(context.getBean(WxHttpEngine.class).client().interceptors())
				.filteredOn(NamedInterceptor.class::isInstance)
				.extracting((interceptor) -> ((NamedInterceptor) interceptor).name())
				.containsExactly("first", "second", "third");
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class UserJsonMapperConfiguration {

		@Bean
		JsonMapper userJsonMapper() {
			return JsonMapper.builder().build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserOkHttpClientConfiguration {

		static final ConnectionPool POOL = new ConnectionPool();

		@Bean
		OkHttpClient userOkHttpClient() {
			return new OkHttpClient.Builder().connectionPool(POOL)
				.connectTimeout(Duration.ofMillis(1234))
				.build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserTemplateConfiguration {

		static final WxRequestTemplate TEMPLATE = (options) -> {
			throw new UnsupportedOperationException("user template");
		};

		@Bean
		WxRequestTemplate userRequestTemplate() {
			return TEMPLATE;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserTaskLimiterConfiguration {

		@Bean
		RecordingLimiter userTaskLimiter() {
			return new RecordingLimiter();
		}

	}

	/** Records what it is told and never starts a task. */
	static class RecordingLimiter implements TaskLimiter {

		final List<AbstractWxTask<?>> submitted = new CopyOnWriteArrayList<>();

		final List<String> ended = new CopyOnWriteArrayList<>();

		@Override
		public void submit(AbstractWxTask<?> task, Runnable start) {
			this.submitted.add(task);
		}

		@Override
		public void ended(AbstractWxTask<?> task, boolean wasRunning) {
			this.ended.add(task.id() + ":" + wasRunning);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserHostGuardConfiguration {

		static final HostGuard GUARD = new HostGuard(List.of("only.example"), false);

		@Bean
		HostGuard userHostGuard() {
			return GUARD;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class CustomizerConfiguration {

		// Declared out of order: only @Order may put them right.
		@Bean
		@Order(30)
		WxOkHttpCustomizer thirdCustomizer() {
			return (builder) -> builder.addInterceptor(new NamedInterceptor("third"));
		}

		@Bean
		@Order(10)
		WxOkHttpCustomizer firstCustomizer() {
			return (builder) -> builder.addInterceptor(new NamedInterceptor("first"));
		}

		@Bean
		@Order(20)
		WxOkHttpCustomizer secondCustomizer() {
			return (builder) -> builder.addInterceptor(new NamedInterceptor("second"));
		}

	}

	record NamedInterceptor(String name) implements Interceptor {

		@Override
		public Response intercept(Chain chain) throws IOException {
			return chain.proceed(chain.request());
		}

	}

}
