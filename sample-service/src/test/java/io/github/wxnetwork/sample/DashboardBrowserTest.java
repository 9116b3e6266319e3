package io.github.wxnetwork.sample;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
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

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard at {@code /} in a real browser: Debian's headless Chromium driven through chromedriver
 * by Selenium (never a downloaded driver). Starts the demo batch of 25 paced downloads, watches the
 * ten-task limit and the queue, a progress bar moving, aborts one running download, waits for the batch
 * to end, and saves {@code target/dashboard.png}.
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
	void showsTheLimitAndTheQueueLiveAndAbortsATask() throws Exception {
		this.driver.get("http://127.0.0.1:" + this.port + "/");
		assertThat(this.driver.getTitle()).contains("wx-network");
		wait(Duration.ofSeconds(15)).until((d) -> "live".equals(attribute(By.id("poll-status"), "data-status")));
		assertThat(text("kind-download-limit")).isEqualTo(String.valueOf(LIMIT));
		assertThat(text("kind-download-running")).isEqualTo("0");
		assertThat(this.driver.findElements(By.cssSelector("#task-rows tr"))).isEmpty();

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

		// Abort it: the row leaves the live table and the finished list says how it ended.
		WebElement row = this.driver.findElement(By.cssSelector("tr[data-task-id='" + id + "']"));
		assertThat(row.findElement(By.cssSelector("td.state")).getText()).isEqualTo("RUNNING");
		row.findElement(By.cssSelector("button.abort")).click();
		wait(Duration.ofSeconds(10))
			.until((d) -> d.findElements(By.cssSelector("#task-rows tr[data-task-id='" + id + "']")).isEmpty());
		WebElement ended = wait(Duration.ofSeconds(10)).until((d) -> d
			.findElements(By.cssSelector("#finished-rows tr[data-task-id='" + id + "']"))
			.stream()
			.findFirst()
			.orElse(null));
		assertThat(ended.getDomAttribute("data-outcome")).isEqualTo("aborted");
		assertThat(ended.findElement(By.cssSelector("td.errmsg")).getText()).isEqualTo("downloadFile:fail abort");
		// The freed slot went to the next queued download: still ten running, one fewer waiting.
		Snapshot afterAbort = until(Duration.ofSeconds(5), (s) -> s.count("RUNNING") == LIMIT);
		assertThat(afterAbort.count("QUEUED")).isLessThan(full.count("QUEUED"));
		screenshot(Path.of("target", "dashboard.png"));

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
		assertThat(this.driver.findElements(By.cssSelector("#finished-rows tr[data-outcome='ok']"))).hasSize(BATCH - 1);
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
		long height = (Long) ((JavascriptExecutor) this.driver).executeScript(
				"return Math.ceil(document.documentElement.scrollHeight + window.outerHeight - window.innerHeight);");
		this.driver.manage().window().setSize(new Dimension(1440, (int) Math.min(3000, Math.max(900, height))));
		new Actions(this.driver).moveToElement(this.driver.findElement(By.tagName("h1"))).perform();  // no hover
		Path shot = ((TakesScreenshot) this.driver).getScreenshotAs(OutputType.FILE).toPath();
		Files.createDirectories(target.getParent());
		Files.copy(shot, target, StandardCopyOption.REPLACE_EXISTING);
		assertThat(Files.size(target)).isGreaterThan(10_000);
	}

	record Row(String id, String kind, String url, String state, double progress) {
	}

	record Snapshot(List<Row> rows, int kindRunning, int kindQueued) {

		long count(String state) {
			return this.rows.stream().filter((row) -> row.state().equals(state)).count();
		}

	}

}
