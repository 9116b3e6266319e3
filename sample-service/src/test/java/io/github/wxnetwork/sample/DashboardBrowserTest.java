package io.github.wxnetwork.sample;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard at {@code /} in a real browser: Debian's headless Chromium driven through chromedriver
 * by Selenium (never a downloaded driver). Relays a few catalog calls and watches the metrics panel give
 * their client and URI template a rate and a p99; makes a download fail and finds it, with its errMsg, at
 * the top of the recently finished tasks; starts the demo batch of 25 paced downloads, watches the
 * ten-task limit and the queue, a progress bar moving, aborts one running download, waits for the batch
 * to end, and saves a screenshot: {@code target/dashboard.png}, or where {@code -Ddashboard.screenshot}
 * says (the README's picture: {@code -Ddashboard.screenshot=../docs/dashboard.png}).
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "logging.level.org.openqa.selenium.devtools.CdpVersionFinder=error")
@EnabledIf(value = "browserInstalled",
		disabledReason = "Debian's chromium and chromium-driver are not installed (.ci/run installs them)")
@Timeout(60)
class DashboardBrowserTest {

	/** Debian's packages chromium and chromium-driver; elsewhere with -Dchromium.binary / -Dchromedriver.binary. */
	private static final Path CHROMIUM = Path.of(System.getProperty("chromium.binary", "/usr/bin/chromium"));

	private static final Path CHROMEDRIVER = Path.of(System.getProperty("chromedriver.binary", "/usr/bin/chromedriver"));

	/** The demo batch as the page's button starts it (index.html: data-count, data-size). */
	private static final int BATCH = 25;

	private static final long FILE_SIZE = 4L * 1024 * 1024;

	private static final int LIMIT = 10;

	/** Catalog calls relayed before the batch, through the {@code @WxClient} named upstream. */
	private static final int CATALOG_CALLS = 10;

	/** The screenshot taken during the batch. */
	private static final Path SCREENSHOT = Path.of(System.getProperty("dashboard.screenshot", "target/dashboard.png"));

	private static final Pattern P99 = Pattern.compile("≤ ([0-9.]+) (ms|s)");

	@TempDir
	static Path storage;

	@TempDir
	Path profile;

	@DynamicPropertySource
	static void storage(DynamicPropertyRegistry registry) {
		registry.add("relay.storage-dir", storage::toString);
	}

	@LocalServerPort
	int port;

	private WebDriver driver;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final JsonMapper mapper = JsonMapper.builder().build();

	/** Every snapshot of the page this test took, to check the limit held throughout. */
	private final List<Snapshot> samples = new ArrayList<>();

	/** Evaluated before the application starts: without the browser the test is reported as skipped. */
	static boolean browserInstalled() {
		return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
	}

	@BeforeEach
	void openBrowser() {
		// Selenium Manager must not look for (or download) a driver or a browser: name both.
		System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
				"--disable-background-networking", "--disable-component-update", "--disable-sync",
				"--disable-dev-shm-usage", "--user-data-dir=" + this.profile, "--window-size=1440,1500");
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
			.usingAnyFreePort()
			.build();
		this.driver = new ChromeDriver(service, options);
		this.driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(20));
		this.driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(10));
		this.driver.manage().window().setSize(new Dimension(1440, 1500));
	}

	@AfterEach
	void closeBrowser() {
		if (this.driver != null) {
			this.driver.quit();
		}
	}

	@Test
	void showsTheLimitAndTheQueueLiveAbortsATaskAndListsTheFinishedOnesWithRateAndP99() throws Exception {
		this.driver.get("http://127.0.0.1:" + this.port + "/");
		assertThat(this.driver.getTitle()).contains("wx-network");
		wait(Duration.ofSeconds(15)).until((d) -> "live".equals(attribute(By.id("poll-status"), "data-status")));
		assertThat(text("kind-download-limit")).isEqualTo(String.valueOf(LIMIT));
		assertThat(text("kind-download-running")).isEqualTo("0");
		assertThat(this.driver.findElements(By.cssSelector("#task-rows tr"))).isEmpty();

		// Catalog calls: the panel gives their client and URI template a rate and a p99 (the slowest call's bucket).
		for (int i = 1; i <= CATALOG_CALLS; i++) {
			assertThat(send("GET", "/relay/items/" + (100 + i), null).statusCode()).isEqualTo(200);
		}
		MetricsRow catalog = wait(Duration.ofSeconds(10)).until((d) -> metricsRows().stream()
			.filter((row) -> row.client().equals("upstream") && row.uri().equals("/items/{id}"))
			.filter((row) -> row.count().equals(String.valueOf(CATALOG_CALLS)))
			.filter((row) -> row.rate() > 0 && P99.matcher(row.p99()).matches())
			.findFirst()
			.orElse(null));
		// p99 of 10 calls is the slowest: the smallest bucket bound holding the timer's MAX for them.
		assertThat(catalog.p99Seconds()).isEqualTo(smallestBucketHolding(catalogTimerMaxSeconds()));

		// A download past wx.network.download.max-file-size fails: the newest finished task, with WeChat's errMsg.
		JsonNode tooBig = json(send("POST", "/relay/downloads?wait=true",
				"[{\"name\":\"too-big.bin\",\"size\":60000000,\"rate\":0}]")).get(0);
		assertThat(tooBig.get("errMsg").asString()).isEqualTo("downloadFile:fail exceed max file size");
		String failedId = tooBig.get("id").asString();
		Finished failed = wait(Duration.ofSeconds(10)).until((d) -> {
			List<Finished> shown = recent();
			return shown.stream().anyMatch((task) -> task.id().equals(failedId)) ? shown.get(0) : null;
		});
		assertThat(failed.id()).isEqualTo(failedId);
		assertThat(failed.state()).isEqualTo("FAILED");
		assertThat(failed.errMsg()).isEqualTo("downloadFile:fail exceed max file size");
		assertThat(failed.errno()).isEqualTo("603301");

		this.driver.findElement(By.id("start-batch")).click();

		// Ten run, the other fifteen wait: the page shows both, and its per-kind numbers agree with its rows.
		Snapshot full = until(Duration.ofSeconds(15), (s) -> s.count("RUNNING") == LIMIT && s.count("QUEUED") > 0);
		assertThat(full.rows()).hasSizeLessThanOrEqualTo(BATCH);   // 25 unless the first ten already ended
		assertThat(full.count("QUEUED")).isEqualTo(full.rows().size() - LIMIT);
		assertThat(full.rows()).allSatisfy((row) -> {
			assertThat(row.kind()).isEqualTo("download");
			assertThat(row.url()).contains("/upstream/files/demo-").contains("size=***");
		});
		assertThat(full.kindRunning()).isEqualTo(full.count("RUNNING"));
		assertThat(full.kindQueued()).isEqualTo(full.count("QUEUED"));
		assertThat(this.driver.findElement(By.id("start-batch")).isEnabled()).isFalse();

		// A running download's progress bar advances (the least advanced one: it has the most time left).
		String id = full.rows()
			.stream()
			.filter((row) -> row.state().equals("RUNNING"))
			.min(Comparator.comparingDouble(Row::progress))
			.orElseThrow()
			.id();
		By progress = By.cssSelector("tr[data-task-id='" + id + "'] progress");
		double before = progressOf(progress);
		wait(Duration.ofSeconds(10)).until((d) -> progressOf(progress) > before);
		assertThat(progressOf(progress)).isGreaterThan(before).isLessThan(100);

		// Abort it: the row leaves the live table and the finished list says how it ended, above the older failure.
		WebElement row = this.driver.findElement(By.cssSelector("#task-rows tr[data-task-id='" + id + "']"));
		assertThat(row.findElement(By.cssSelector("td.state")).getText()).isEqualTo("RUNNING");
		row.findElement(By.cssSelector("button.abort")).click();
		wait(Duration.ofSeconds(10))
			.until((d) -> d.findElements(By.cssSelector("#task-rows tr[data-task-id='" + id + "']")).isEmpty());
		List<String> ids = wait(Duration.ofSeconds(10)).until((d) -> {
			List<String> shown = recent().stream().map(Finished::id).toList();
			return shown.contains(id) ? shown : null;
		});
		assertThat(ids.indexOf(id)).isLessThan(ids.indexOf(failedId));
		Finished ended = recent().stream().filter((task) -> task.id().equals(id)).findFirst().orElseThrow();
		assertThat(ended.state()).isEqualTo("ABORTED");
		assertThat(ended.errMsg()).isEqualTo("downloadFile:fail abort");
		assertThat(ended.errno()).isEqualTo("600003");
		// The freed slot went to the next queued download: still ten running, one fewer waiting.
		Snapshot afterAbort = until(Duration.ofSeconds(5), (s) -> s.count("RUNNING") == LIMIT);
		assertThat(afterAbort.count("QUEUED")).isLessThan(full.count("QUEUED"));
		// Template calls (client and uri "none") have a row of their own: the failed and the aborted download.
		wait(Duration.ofSeconds(10)).until((d) -> metricsRows().stream()
			.filter((metrics) -> metrics.client().equals("template calls"))
			.anyMatch((metrics) -> metrics.p99().matches("[≤>] [0-9.]+ m?s")));
		screenshot(SCREENSHOT);

		// The batch ends: 24 files stored in full, one aborted, nothing left running or queued.
		until(Duration.ofSeconds(40), (s) -> "true".equals(attribute(By.id("batch-status"), "data-done")));
		WebElement status = this.driver.findElement(By.id("batch-status"));
		assertThat(status.getDomAttribute("data-ok")).isEqualTo(String.valueOf(BATCH - 1));
		assertThat(status.getDomAttribute("data-aborted")).isEqualTo("1");
		assertThat(status.getDomAttribute("data-failed")).isEqualTo("0");
		assertThat(status.getText()).startsWith("Demo batch done");
		Snapshot idle = until(Duration.ofSeconds(5), (s) -> s.rows().isEmpty());
		assertThat(idle.kindRunning()).isZero();
		assertThat(idle.kindQueued()).isZero();
		assertThat(this.driver.findElement(By.id("start-batch")).isEnabled()).isTrue();
		// The recent list, newest first: the batch's downloads ended last, the failure before them is still shown.
		List<Finished> last = recent();
		assertThat(last).filteredOn((task) -> task.type().equals("download") && task.state().equals("SUCCEEDED"))
			.hasSize(BATCH - 1);
		assertThat(last).extracting(Finished::id).contains(failedId);
		int failedAt = last.stream().map(Finished::id).toList().indexOf(failedId);
		assertThat(last.subList(0, failedAt))
			.as("newest first: every download of the batch ended after the failed one, so is listed before it")
			.filteredOn((task) -> task.type().equals("download") && task.state().equals("SUCCEEDED"))
			.hasSize(BATCH - 1);
		try (Stream<Path> files = Files.list(storage)) {
			List<Path> complete = files.filter((file) -> file.getFileName().toString().startsWith("demo-"))
				.filter((file) -> file.toFile().length() == FILE_SIZE)
				.toList();
			assertThat(complete).hasSizeGreaterThanOrEqualTo(BATCH - 1);
		}

		// The limit held in every snapshot taken, from the first to the last.
		assertThat(this.samples).hasSizeGreaterThan(3);
		assertThat(this.samples).allSatisfy((s) -> {
			assertThat(s.count("RUNNING")).isLessThanOrEqualTo(LIMIT);
			assertThat(s.kindRunning()).isLessThanOrEqualTo(LIMIT);
		});
	}

	// ---- helpers --------------------------------------------------------------------------------

	private HttpResponse<String> send(String method, String path, String json) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.timeout(Duration.ofSeconds(30));
		request.method(method,
				(json != null) ? HttpRequest.BodyPublishers.ofString(json) : HttpRequest.BodyPublishers.noBody());
		if (json != null) {
			request.header("Content-Type", "application/json");
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private JsonNode json(HttpResponse<String> response) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return this.mapper.readTree(response.body());
	}

	/** The slowest of the catalog calls, from slot to end, as the endpoint's recent list tells it. */
	/** The longest of the catalog calls as the timer saw them (from the template call to the end). */
	private double catalogTimerMaxSeconds() throws Exception {
		JsonNode timer = json(send("GET",
				"/actuator/metrics/wx.network.tasks?tag=client:upstream&tag=uri:%2Fitems%2F%7Bid%7D", null));
		for (JsonNode measurement : timer.get("measurements")) {
			if (measurement.get("statistic").asString().equals("MAX")) {
				return measurement.get("value").asDouble();
			}
		}
		throw new AssertionError("no MAX in " + timer);
	}

	/** The smallest of application.yml's SLO bucket bounds that holds {@code seconds}. */
	private double smallestBucketHolding(double seconds) throws Exception {
		List<Double> bounds = new ArrayList<>();
		JsonNode histogram = json(send("GET", "/actuator/metrics/wx.network.tasks.histogram", null));
		for (JsonNode tag : histogram.get("availableTags")) {
			if (tag.get("tag").asString().equals("le")) {
				tag.get("values").forEach((value) -> bounds.add(Double.valueOf(value.asString())));
			}
		}
		return bounds.stream().filter((bound) -> bound >= seconds).min(Double::compare).orElseThrow();
	}

	private WebDriverWait wait(Duration timeout) {
		WebDriverWait wait = new WebDriverWait(this.driver, timeout);
		wait.pollingEvery(Duration.ofMillis(100));
		return wait;
	}

	/** Snapshots the page until one matches; each snapshot is kept for the limit check. */
	private Snapshot until(Duration timeout, Predicate<Snapshot> condition) {
		return wait(timeout).until((d) -> {
			Snapshot snapshot = snapshot();
			this.samples.add(snapshot);
			return condition.test(snapshot) ? snapshot : null;
		});
	}

	private String text(String id) {
		return this.driver.findElement(By.id(id)).getText();
	}

	private String attribute(By by, String name) {
		return this.driver.findElement(by).getDomAttribute(name);
	}

	private double progressOf(By bar) {
		return Double.parseDouble(this.driver.findElement(bar).getDomProperty("value"));
	}

	private Object script(String script) {
		return ((JavascriptExecutor) this.driver).executeScript(script);
	}

	/** The metrics panel's rows, read in one script so they belong to the same render. */
	@SuppressWarnings("unchecked")
	private List<MetricsRow> metricsRows() {
		List<Map<String, Object>> rows = (List<Map<String, Object>>) script("""
				return Array.from(document.querySelectorAll('#metric-rows tr')).map((tr) => ({
				  client: tr.querySelector('td.client').textContent,
				  uri: tr.querySelector('td.uri').textContent,
				  count: tr.querySelector('td.count').textContent,
				  rate: tr.querySelector('td.rate').textContent,
				  p99: tr.querySelector('td.p99').textContent
				}));
				""");
		return rows.stream()
			.map((row) -> new MetricsRow((String) row.get("client"), (String) row.get("uri"), (String) row.get("count"),
					(String) row.get("rate"), (String) row.get("p99")))
			.toList();
	}

	/** The recently finished tasks as the page lists them, read in one script (the list is redrawn every poll). */
	@SuppressWarnings("unchecked")
	private List<Finished> recent() {
		List<Map<String, Object>> rows = (List<Map<String, Object>>) script("""
				return Array.from(document.querySelectorAll('#recent-rows tr')).map((tr) => ({
				  id: tr.dataset.taskId,
				  type: tr.dataset.type,
				  state: tr.dataset.state,
				  endedAt: tr.dataset.endedAt,
				  errMsg: tr.querySelector('td.errmsg').textContent,
				  errno: tr.querySelector('td.errno').textContent
				}));
				""");
		return rows.stream()
			.map((row) -> new Finished((String) row.get("id"), (String) row.get("type"), (String) row.get("state"),
					(String) row.get("errMsg"), (String) row.get("errno"), Instant.parse((String) row.get("endedAt"))))
			.toList();
	}

	/** The rows and the download kind's numbers, read in one script so they belong to the same render. */
	@SuppressWarnings("unchecked")
	private Snapshot snapshot() {
		Map<String, Object> page = (Map<String, Object>) ((JavascriptExecutor) this.driver).executeScript("""
				const rows = Array.from(document.querySelectorAll('#task-rows tr')).map((tr) => ({
				  id: tr.dataset.taskId,
				  kind: tr.querySelector('td.kind').textContent,
				  url: tr.querySelector('td.url').textContent,
				  state: tr.querySelector('td.state').textContent,
				  progress: Number(tr.querySelector('progress').value)
				}));
				return {
				  rows: rows,
				  running: document.getElementById('kind-download-running').textContent,
				  queued: document.getElementById('kind-download-queued').textContent
				};
				""");
		List<Row> rows = ((List<Map<String, Object>>) page.get("rows")).stream()
			.map((row) -> new Row((String) row.get("id"), (String) row.get("kind"), (String) row.get("url"),
					(String) row.get("state"), ((Number) row.get("progress")).doubleValue()))
			.toList();
		return new Snapshot(rows, Integer.parseInt((String) page.get("running")),
				Integer.parseInt((String) page.get("queued")));
	}

	/** The whole page: the window is grown until the viewport holds the document. */
	private void screenshot(Path target) throws Exception {
		long height = (Long) script(
				"return Math.ceil(document.documentElement.scrollHeight + window.outerHeight - window.innerHeight);");
		this.driver.manage().window().setSize(new Dimension(1440, (int) Math.min(3000, Math.max(900, height))));
		new Actions(this.driver).moveToElement(this.driver.findElement(By.tagName("h1"))).perform();  // no hover
		byte[] png = ((TakesScreenshot) this.driver).getScreenshotAs(OutputType.BYTES);
		Files.createDirectories(target.toAbsolutePath().getParent());
		Files.write(target, png);   // not a copy of Selenium's owner-only temp file: docs/ keeps readable modes
		assertThat(Files.size(target)).isGreaterThan(10_000);
	}

	record Row(String id, String kind, String url, String state, double progress) {
	}

	record Finished(String id, String type, String state, String errMsg, String errno, Instant endedAt) {
	}

	record MetricsRow(String client, String uri, String count, String rateText, String p99) {

		/** Calls per second, 0 while the panel shows none ("–"). */
		double rate() {
			return this.rateText.endsWith(" /s") ? Double.parseDouble(this.rateText.replace(" /s", "")) : 0;
		}

		/** The bound of a "≤ 250 ms" p99, in seconds. */
		double p99Seconds() {
			Matcher p99 = P99.matcher(this.p99);
			assertThat(p99.matches()).as(this.p99).isTrue();
			double value = Double.parseDouble(p99.group(1));
			return p99.group(2).equals("ms") ? value / 1000 : value;
		}

	}

	record Snapshot(List<Row> rows, int kindRunning, int kindQueued) {

		long count(String state) {
			return this.rows.stream().filter((row) -> row.state().equals(state)).count();
		}

	}

}
