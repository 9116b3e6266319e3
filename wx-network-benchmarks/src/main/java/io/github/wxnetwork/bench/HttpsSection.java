package io.github.wxnetwork.bench;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The HTTPS part of the report (issue 18): section 6's tables, and its rows of the targets table. "TLS must not
 * lose more than raw OkHttp does": over HTTPS, wx-network × raw OkHttp (small GET) must stay within
 * {@link #TOLERANCE} of the same ratio over plain HTTP in the run; for downloads, wx-network × curl within it of
 * raw OkHttp × curl, both over HTTPS.
 */
final class HttpsSection {

	static final double TOLERANCE = 0.05;

	private static final Map<String, String> PROTOCOL_NAMES = Map.of("h1", "HTTP/1.1", "h2", "h2");

	private final List<Map<String, String>> results;

	private final Consumer<String> out;

	HttpsSection(List<Map<String, String>> results, Consumer<String> out) {
		this.results = results;
		this.out = out;
	}

	/** Whether TLS cost wx-network no more than raw OkHttp: {@code ratio ≥ reference − TOLERANCE}, unrounded. */
	static boolean losesNoMore(double ratio, double reference) {
		return ratio >= reference - TOLERANCE;
	}

	void tables() {
		this.out.accept("### 6. HTTPS: small GET and 50 MiB download over TLS (HTTP/1.1 and h2)");
		this.out.accept("");
		this.out.accept("The same `GET /json` and `/50m.bin` from a second nginx `server` (`listen ... ssl http2`, a "
				+ "self-signed certificate made by run.sh, trusted by every client: raw OkHttp through an `SSLContext` "
				+ "from the PEM, wx-network through a Spring Boot SSL bundle, curl with `--cacert`). HTTP/1.1: raw "
				+ "OkHttp with protocols [HTTP_1_1], wx-network with `wx.network.enable-http2=false`, `curl --http1.1`; "
				+ "h2: [HTTP_2, HTTP_1_1], `enable-http2=true`, `curl --http2`; each worker checks first that its "
				+ "client negotiated that protocol. × OkHttp and × curl: within the same protocol, in the same run.");
		this.out.accept("");
		this.out.accept("| client | protocol | c=1 req/s | × OkHttp | p50 µs | p99 µs | CPU µs/req | c=10 req/s | × OkHttp | p50 µs | p99 µs | CPU µs/req |");
		this.out.accept("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
		for (String protocol : Suite.PROTOCOLS) {
			for (String client : Suite.HTTPS_GET_ORDER) {
				this.out.accept("| " + Report.NAMES.get(client) + " | " + PROTOCOL_NAMES.get(protocol) + " | "
						+ getCells(client, protocol, 1) + " | " + getCells(client, protocol, 10) + " |");
			}
		}
		this.out.accept("");
		this.out.accept("| client | protocol | 1 at once MiB/s | × curl | 10 at once MiB/s | × curl |");
		this.out.accept("| --- | --- | ---: | ---: | ---: | ---: |");
		for (String protocol : Suite.PROTOCOLS) {
			for (String client : Suite.HTTPS_DOWNLOAD_ORDER) {
				this.out.accept("| " + Report.DOWNLOAD_NAMES.get(client) + " | " + PROTOCOL_NAMES.get(protocol) + " | "
						+ downloadCells(client, protocol, 1) + " | " + downloadCells(client, protocol, 10) + " |");
			}
		}
		this.out.accept("");
	}

	void targets() {
		for (int threads : new int[] { 1, 10 }) {
			double plain = get("get", "wx", null, threads) / get("get", "okhttp", null, threads);
			for (String protocol : Suite.PROTOCOLS) {
				double wx = get("https-get", "wx", protocol, threads);
				double okhttp = get("https-get", "okhttp", protocol, threads);
				String measured = (Double.isNaN(wx) || Double.isNaN(okhttp)) ? "n/a"
						: Report.ratio(wx, okhttp) + " over HTTPS (" + Report.grouped(fmt(wx)) + " vs "
								+ Report.grouped(fmt(okhttp)) + " req/s) vs "
								+ (Double.isNaN(plain) ? "n/a over plain HTTP (the get part did not run)"
										: Report.ratio(plain, 1) + " over plain HTTP");
				row("small GET c=" + threads, protocol,
						"wx-network × OkHttp over HTTPS ≥ its × OkHttp over plain HTTP" + minusTolerance(), measured,
						wx / okhttp, plain);
			}
		}
		for (int at : new int[] { 1, 10 }) {
			for (String protocol : Suite.PROTOCOLS) {
				double wx = download("wx", protocol, at);
				double okhttp = download("okhttp", protocol, at);
				double curl = download("curl", protocol, at);
				String measured = (Double.isNaN(wx) || Double.isNaN(okhttp) || Double.isNaN(curl)) ? "n/a"
						: Report.ratio(wx, curl) + " vs " + Report.ratio(okhttp, curl) + " (wx-network "
								+ Report.grouped(fmt(wx)) + ", OkHttp " + Report.grouped(fmt(okhttp)) + ", curl "
								+ Report.grouped(fmt(curl)) + " MiB/s)";
				row("download, " + at + " at once", protocol,
						"wx-network × curl ≥ raw OkHttp × curl" + minusTolerance() + ", all over HTTPS", measured, wx / curl,
						okhttp / curl);
			}
		}
	}

	private void row(String what, String protocol, String rule, String measured, double ratio, double reference) {
		this.out.accept("| HTTPS " + what + ", " + PROTOCOL_NAMES.get(protocol)
				+ ": TLS costs wx-network no more than raw OkHttp (" + rule + ") | " + measured + " | "
				+ Report.verdict(losesNoMore(ratio, reference), ratio, reference) + " |");
	}

	private static String minusTolerance() {
		return String.format(Locale.ROOT, " − %.2f", TOLERANCE);
	}

	private String getCells(String client, String protocol, int threads) {
		Map<String, String> row = find("https-get", client, protocol, "threads", threads);
		if (row == null || !row.containsKey("rps")) {
			return "n/a (" + failure("https-get", client, protocol) + ") | | | |";
		}
		double rps = Double.parseDouble(row.get("rps"));
		String errors = "0".equals(row.getOrDefault("errors", "0")) ? "" : " (" + row.get("errors") + " errors)";
		return Report.grouped(row.get("rps")) + errors + " | "
				+ Report.ratio(rps, get("https-get", "okhttp", protocol, threads)) + " | "
				+ row.getOrDefault("p50us", "n/a") + " | " + row.getOrDefault("p99us", "n/a") + " | "
				+ row.getOrDefault("cpuUsPerCall", "n/a");
	}

	private String downloadCells(String client, String protocol, int at) {
		double mibps = download(client, protocol, at);
		if (Double.isNaN(mibps)) {
			return "n/a (" + failure("https-download", client, protocol) + ") |";
		}
		return Report.grouped(fmt(mibps)) + " | " + Report.ratio(mibps, download("curl", protocol, at));
	}

	private double get(String scenario, String client, String protocol, int threads) {
		return number(find(scenario, client, protocol, "threads", threads), "rps");
	}

	private double download(String client, String protocol, int at) {
		return number(find("https-download", client, protocol, "concurrent", at), "mibps");
	}

	private static double number(Map<String, String> row, String field) {
		return (row != null && row.containsKey(field)) ? Double.parseDouble(row.get(field)) : Double.NaN;
	}

	private Map<String, String> find(String scenario, String client, String protocol, String key, int value) {
		return this.results.stream()
			.filter((r) -> scenario.equals(r.get("scenario")) && client.equals(r.get("client"))
					&& Objects.equals(protocol, r.get("protocol")) && String.valueOf(value).equals(r.get(key)))
			.findFirst()
			.orElse(null);
	}

	private String failure(String scenario, String client, String protocol) {
		String why = this.results.stream()
			.filter((r) -> scenario.equals(r.get("scenario")) && client.equals(r.get("client"))
					&& protocol.equals(r.get("protocol")) && r.containsKey("failed"))
			.map((r) -> r.get("failed"))
			.findFirst()
			.orElse("not run");
		return (why.length() > 160) ? why.substring(0, 160) + "…" : why;
	}

	private static String fmt(double value) {
		return String.format(Locale.ROOT, "%.1f", value);
	}

}
