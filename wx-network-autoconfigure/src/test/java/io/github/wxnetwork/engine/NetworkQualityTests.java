package io.github.wxnetwork.engine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The per-host estimates behind WeChat's profile: moving averages, Chromium's net types, a bounded LRU. */
class NetworkQualityTests {

	private final NetworkQuality quality = new NetworkQuality();

	@Test
	void theFirstSampleIsTheEstimateAndLaterOnesMoveItByAnEighth() {
		assertThat(this.quality.observe("a.example", 400, 80, 1000).httpRtt()).isEqualTo(400);
		NetworkQuality.Estimate second = this.quality.observe("a.example", 0, 0, 5000);
		assertThat(second.httpRtt()).isEqualTo(350);
		assertThat(second.transportRtt()).isEqualTo(70);
		assertThat(second.throughputKbps()).isEqualTo(1500);
	}

	@Test
	void oneOutlierMovesTheEstimateByAtMostAnEighthOfFourTimesItPlus1000() {
		this.quality.observe("poll.example", 50, -1, -1);
		// A long-poll reply the server held for 30 s counts as 4 * 50 + 1000 = 1200 ms: the host stays 4G.
		NetworkQuality.Estimate estimate = this.quality.observe("poll.example", 30_000, -1, -1);
		assertThat(estimate.httpRtt()).isEqualTo(194);
		assertThat(estimate.netType()).isEqualTo("4g");
	}

	@Test
	void aMissingSampleLeavesItsEstimateAlone() {
		this.quality.observe("a.example", 100, 40, -1);
		NetworkQuality.Estimate estimate = this.quality.observe("a.example", -1, -1, -1);
		assertThat(estimate).isEqualTo(new NetworkQuality.Estimate(100, 40, -1));
	}

	@Test
	void hostsAreEstimatedApartAndCaseDoesNotMatter() {
		this.quality.observe("A.example", 1000, -1, -1);
		assertThat(this.quality.observe("b.example", 10, -1, -1).httpRtt()).isEqualTo(10);
		assertThat(this.quality.observe("a.EXAMPLE", -1, -1, -1).httpRtt()).isEqualTo(1000);
	}

	@Test
	void onlyTheMostRecentlyUsedHostsAreKept() {
		this.quality.observe("kept.example", 50, -1, -1);
		for (int i = 0; i < NetworkQuality.MAX_HOSTS + 100; i++) {
			this.quality.observe("host" + i + ".example", 1, -1, -1);
			if (i % 100 == 0) {
				this.quality.observe("kept.example", -1, -1, -1);
			}
		}
		assertThat(this.quality.size()).isEqualTo(NetworkQuality.MAX_HOSTS);
		assertThat(this.quality.observe("kept.example", -1, -1, -1).httpRtt()).as("used recently, so kept").isEqualTo(50);
		assertThat(this.quality.observe("host0.example", -1, -1, -1).httpRtt()).as("the eldest, forgotten").isEqualTo(-1);
	}

	@ParameterizedTest(name = "http {0} ms, transport {1} ms, {2} kbit/s: {3}")
	@CsvSource({ "-1, -1, -1, unknown", "2010, -1, -1, slow-2g", "-1, 1870, -1, slow-2g", "-1, -1, 50, slow-2g",
			"2009, 1869, 51, 2g", "1420, -1, -1, 2g", "-1, -1, 70, 2g", "1419, 1279, 71, 3g", "272, -1, -1, 3g",
			"-1, 204, -1, 3g", "-1, -1, 700, 3g", "271, 203, 701, 4g", "5, -1, -1, 4g", "-1, -1, 100000, 4g" })
	void theNetTypeIsTheSlowestWhoseThresholdAnEstimateReaches(long httpRtt, long transportRtt, long throughput,
			String type) {
		assertThat(new NetworkQuality.Estimate(httpRtt, transportRtt, throughput).netType()).isEqualTo(type);
	}

}
