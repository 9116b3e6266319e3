package io.github.wxnetwork.autoconfigure;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.wxnetwork.RequestOptions;
import io.github.wxnetwork.RequestTask;
import io.github.wxnetwork.TaskKind;
import io.github.wxnetwork.TaskState;
import io.github.wxnetwork.TaskView;
import io.github.wxnetwork.WxDownloadTemplate;
import io.github.wxnetwork.WxNetworkException;
import io.github.wxnetwork.WxRequestTemplate;
import io.github.wxnetwork.WxUploadTemplate;
import io.github.wxnetwork.engine.DefaultWxRequestTemplate;
import io.github.wxnetwork.engine.FileAccess;
import io.github.wxnetwork.engine.HostGuard;
import io.github.wxnetwork.engine.RequestRules;
import io.github.wxnetwork.engine.TaskLauncher;
import io.github.wxnetwork.engine.TaskRegistry;
import io.github.wxnetwork.engine.TempFiles;
import io.github.wxnetwork.engine.WxHttpEngine;
import io.github.wxnetwork.limits.Admission;
import io.github.wxnetwork.limits.TaskLimiter;
import okhttp3.ConnectionPool;
import okhttp3.Dns;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.NoUniqueBeanDefinitionException;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.annotation.ImportCandidates;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;
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
	void whenNoUserBeansThenTemplatesEngineAndLimiterAreRegistered() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).hasSingleBean(WxRequestTemplate.class);
			assertThat(context).hasSingleBean(WxUploadTemplate.class);
			assertThat(context).hasSingleBean(WxDownloadTemplate.class);
			assertThat(context).hasSingleBean(WxHttpEngine.class);
			assertThat(context).hasSingleBean(TaskLimiter.class);
			assertThat(context).hasSingleBean(TaskLauncher.class);
			assertThat(context).hasSingleBean(WxNetworkProperties.class);
			assertThat(context.getBean(WxRequestTemplate.class)).isInstanceOf(DefaultWxRequestTemplate.class);
			// The launcher runs on the context's engine, not on a private one.
			assertThat(context.getBean(TaskLauncher.class).engine()).isSameAs(context.getBean(WxHttpEngine.class));
		});
	}

	@Test
	void whenNoUserBeansThenInternalsAreNotBeans() {
		this.contextRunner.run((context) -> {
			// Built inside the beans that use them: nothing for an application to replace by accident.
			assertThat(context).doesNotHaveBean(OkHttpClient.class);
			assertThat(context).doesNotHaveBean(TaskRegistry.class);
			assertThat(context).doesNotHaveBean(RequestRules.class);
			assertThat(context).doesNotHaveBean(HostGuard.class);
			assertThat(context).doesNotHaveBean(FileAccess.class);
			assertThat(context).doesNotHaveBean(TempFiles.class);
		});
	}

	@Test
	void whenNoUserBeansThenEngineClientHasNoOkHttpTimeouts() {
		this.contextRunner.run((context) -> {
			OkHttpClient client = context.getBean(WxHttpEngine.class).client();
			// Each task's own timeout bounds the exchange; OkHttp's per-phase timeouts are off.
			assertThat(client.connectTimeoutMillis()).isZero();
			assertThat(client.readTimeoutMillis()).isZero();
			assertThat(client.writeTimeoutMillis()).isZero();
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
	void whenJacksonAutoConfigurationIsPresentThenTemplatesUseContextJsonMapper() {
		// Listed before Jackson on purpose: afterName must order ours after it regardless.
		new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(WxNetworkAutoConfiguration.class, JacksonAutoConfiguration.class))
			.run((context) -> {
				assertThat(context).hasSingleBean(JsonMapper.class);
				JsonMapper contextMapper = context.getBean(JsonMapper.class);
				assertThat(requestTemplate(context).jsonMapper()).isSameAs(contextMapper);
			});
	}

	@Test
	void whenUserDefinesJsonMapperThenTemplatesUseIt() {
		this.contextRunner.withUserConfiguration(UserJsonMapperConfiguration.class).run((context) -> {
			assertThat(requestTemplate(context).jsonMapper()).isSameAs(context.getBean("userJsonMapper"));
		});
	}

	@Test
	void whenNoJsonMapperBeanThenTemplatesFallBackToSharedMapper() {
		this.contextRunner.run((context) -> {
			assertThat(context).doesNotHaveBean(JsonMapper.class);
			assertThat(requestTemplate(context).jsonMapper()).isSameAs(JsonMapper.shared());
		});
	}

	private static DefaultWxRequestTemplate requestTemplate(ApplicationContext context) {
		return context.getBean(DefaultWxRequestTemplate.class);
	}

	@Test
	void whenUserMarksAnOkHttpClientThenEngineDerivesFromItWithoutItsTimeouts() {
		this.contextRunner.withUserConfiguration(MarkedOkHttpClientConfiguration.class).run((context) -> {
			OkHttpClient marked = context.getBean("markedOkHttpClient", OkHttpClient.class);
			OkHttpClient engineClient = context.getBean(WxHttpEngine.class).client();
			// One pool and dispatcher with the application's client, and its interceptors.
			assertThat(engineClient.connectionPool()).isSameAs(marked.connectionPool());
			assertThat(engineClient.dispatcher()).isSameAs(marked.dispatcher());
			assertThat(engineClient.interceptors()).filteredOn(NamedInterceptor.class::isInstance)
				.extracting((interceptor) -> ((NamedInterceptor) interceptor).name())
				.containsExactly("marked");
			// Only a task's own timeout bounds it, as in WeChat: the client's per-phase timeouts are off.
			assertThat(engineClient.readTimeoutMillis()).isZero();
			assertThat(engineClient.connectTimeoutMillis()).isZero();
			assertThat(engineClient.writeTimeoutMillis()).isZero();
		});
	}

	@Test
	void whenUserMarksAnOkHttpClientThenCustomizersRunOnTheDerivedClientAfterTheTimeoutsAreOff() {
		this.contextRunner.withUserConfiguration(MarkedOkHttpClientConfiguration.class)
			.withBean(WxOkHttpCustomizer.class,
					() -> (builder) -> builder.addInterceptor(new NamedInterceptor("customized"))
						.connectTimeout(Duration.ofMillis(777)))
			.run((context) -> {
				OkHttpClient engineClient = context.getBean(WxHttpEngine.class).client();
				assertThat(engineClient.interceptors()).filteredOn(NamedInterceptor.class::isInstance)
					.extracting((interceptor) -> ((NamedInterceptor) interceptor).name())
					.containsExactly("marked", "customized");
				// A customizer may set a timeout back on purpose: it runs last.
				assertThat(engineClient.connectTimeoutMillis()).isEqualTo(777);
				// The application's own client is not changed by wx-network.
				assertThat(context.getBean("markedOkHttpClient", OkHttpClient.class).interceptors())
					.filteredOn(NamedInterceptor.class::isInstance)
					.extracting((interceptor) -> ((NamedInterceptor) interceptor).name())
					.containsExactly("marked");
			});
	}

	@Test
	void whenTwoOkHttpClientsAreMarkedThenStartUpFailsNamingThem() {
		this.contextRunner.withUserConfiguration(TwoMarkedOkHttpClientsConfiguration.class).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(NoUniqueBeanDefinitionException.class)
				.hasMessageContaining("firstMarkedOkHttpClient")
				.hasMessageContaining("secondMarkedOkHttpClient");
		});
	}

	@Test
	void whenApplicationHasAnUnrelatedOkHttpClientThenWxNetworkIgnoresIt() {
		this.contextRunner.withUserConfiguration(UnrelatedOkHttpClientConfiguration.class).run((context) -> {
			assertThat(context).hasNotFailed();
			OkHttpClient unrelated = context.getBean(OkHttpClient.class);
			OkHttpClient engineClient = context.getBean(WxHttpEngine.class).client();
			assertThat(engineClient.connectionPool()).isNotSameAs(unrelated.connectionPool());
			// Its read timeout would otherwise cut WeChat's whole-task timeout short.
			assertThat(engineClient.readTimeoutMillis()).isZero();
		});
	}

	@Test
	void whenApplicationHasTwoUnrelatedOkHttpClientsThenItStartsAndWxNetworkIgnoresBoth() {
		this.contextRunner.withUserConfiguration(TwoUnrelatedOkHttpClientsConfiguration.class).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBeansOfType(OkHttpClient.class)).hasSize(2);
			OkHttpClient engineClient = context.getBean(WxHttpEngine.class).client();
			assertThat(context.getBeansOfType(OkHttpClient.class).values())
				.allSatisfy((client) -> assertThat(engineClient.connectionPool()).isNotSameAs(client.connectionPool()));
			assertThat(context).hasSingleBean(WxRequestTemplate.class);
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

			// The user's limiter never starts the task: it stays QUEUED and never touches the network.
			RequestTask task = context.getBean(WxRequestTemplate.class)
				.request(RequestOptions.builder("http://localhost:1/never").build());
			assertThat(limiter.submitted).singleElement().satisfies((admission) -> {
				assertThat(admission.task().id()).isEqualTo(task.id());
				assertThat(admission.task().state()).isEqualTo(TaskState.QUEUED);
			});
			assertThat(task.state()).isEqualTo(TaskState.QUEUED);
			TaskRegistry registry = context.getBean(TaskLauncher.class).registry();
			assertThat(registry.find(task.id())).hasValueSatisfying((view) -> assertThat(view.id()).isEqualTo(task.id()));

			task.abort();
			assertThatExceptionOfType(WxNetworkException.class).isThrownBy(task::join)
				.satisfies((ex) -> assertThat(ex.errMsg()).isEqualTo("request:fail abort"));
			assertThat(limiter.ended).containsExactly(task.id() + ":false");
			assertThat(registry.find(task.id())).isEmpty();
		});
	}

	@Test
	void whenUserDefinesWxHttpEngineThenItBacksOffAndTemplatesCheckUrlsWithItsGuard() {
		this.contextRunner.withUserConfiguration(UserEngineConfiguration.class)
			.withPropertyValues("wx.network.allowed-domains=ignored.example")
			.run((context) -> {
				assertThat(context).hasSingleBean(WxHttpEngine.class);
				WxHttpEngine engine = context.getBean(WxHttpEngine.class);
				assertThat(context.getBean(TaskLauncher.class).engine()).isSameAs(engine);
				// The engine checks redirect hops with its own guard, which allows only its own list.
				assertThat(engine.hostGuard().allows("only.example")).isTrue();
				assertThat(engine.hostGuard().allows("ignored.example")).isFalse();
				// The templates check first URLs with it too: the engine's list wins over the property.
				RequestTask task = context.getBean(WxRequestTemplate.class)
					.request(RequestOptions.builder("http://ignored.example/x").build());
				assertThatExceptionOfType(WxNetworkException.class).isThrownBy(task::join)
					.satisfies((ex) -> assertThat(ex.errMsg()).isEqualTo("request:fail url not in domain list"));
			});
	}

	@Test
	void whenTheCacheDirIsTheTempDirThenStartUpFailsNamingTheProperty(@TempDir Path temp) {
		this.contextRunner
			.withPropertyValues("wx.network.cache.max-size=1MB", "wx.network.temp-dir=" + temp,
					"wx.network.cache.dir=" + temp)
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.hasMessageContaining("wx.network.cache.dir")
					.hasMessageContaining("not wx.network.temp-dir");
			});
	}

	@Test
	void whenPrivateNetworksAreBlockedThenTheEngineResolvesNamesThroughTheGuard() {
		this.contextRunner.run((context) -> assertThat(context.getBean(WxHttpEngine.class).client().dns())
			.isSameAs(Dns.SYSTEM));
		this.contextRunner.withPropertyValues("wx.network.block-private-networks=true")
			.run((context) -> assertThat(context.getBean(WxHttpEngine.class).client().dns()).isNotSameAs(Dns.SYSTEM));
	}

	@Test
	void whenCustomizersAreDefinedThenTheyAreAppliedInOrder() {
		this.contextRunner.withUserConfiguration(CustomizerConfiguration.class).run((context) -> {
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
	static class MarkedOkHttpClientConfiguration {

		@Bean
		@WxOkHttpClient
		OkHttpClient markedOkHttpClient() {
			return new OkHttpClient.Builder().connectTimeout(Duration.ofMillis(1234))
				.readTimeout(Duration.ofMillis(1234))
				.addInterceptor(new NamedInterceptor("marked"))
				.build();
		}

		@Bean
		OkHttpClient unmarkedOkHttpClient() {
			return new OkHttpClient();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class TwoMarkedOkHttpClientsConfiguration {

		@Bean
		@WxOkHttpClient
		OkHttpClient firstMarkedOkHttpClient() {
			return new OkHttpClient();
		}

		@Bean
		@WxOkHttpClient
		OkHttpClient secondMarkedOkHttpClient() {
			return new OkHttpClient();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UnrelatedOkHttpClientConfiguration {

		@Bean
		OkHttpClient unrelatedOkHttpClient() {
			return new OkHttpClient.Builder().connectionPool(new ConnectionPool())
				.readTimeout(Duration.ofMillis(1234))
				.build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class TwoUnrelatedOkHttpClientsConfiguration {

		@Bean
		OkHttpClient firstOkHttpClient() {
			return new OkHttpClient();
		}

		@Bean
		OkHttpClient secondOkHttpClient() {
			return new OkHttpClient();
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

		final List<Admission> submitted = new CopyOnWriteArrayList<>();

		final List<String> ended = new CopyOnWriteArrayList<>();

		@Override
		public void submit(Admission admission) {
			this.submitted.add(admission);
		}

		@Override
		public void ended(TaskView task, boolean wasRunning) {
			this.ended.add(task.id() + ":" + wasRunning);
		}

		@Override
		public int limit(TaskKind kind) {
			return 0;
		}

		@Override
		public int running(TaskKind kind) {
			return 0;
		}

		@Override
		public int queued(TaskKind kind) {
			return this.submitted.size() - this.ended.size();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserEngineConfiguration {

		@Bean
		WxHttpEngine userEngine() {
			return new WxHttpEngine(new OkHttpClient(), new HostGuard(List.of("only.example"), false));
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
