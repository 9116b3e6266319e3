package io.github.wxnetwork.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

import okhttp3.OkHttpClient;
import okhttp3.Protocol;

/**
 * The HTTPS rows' client settings (issue 18), from {@link Config#certificate()} and {@link Config#protocol()}:
 * trust the suite's self-signed certificate, offer HTTP/1.1 only or h2 too. Without a certificate (the
 * plain-HTTP rows) every method leaves the client as it is.
 */
public final class Tls {

	private Tls() {
	}

	static boolean on() {
		return Config.certificate() != null;
	}

	static boolean http2() {
		return "h2".equals(Config.protocol());
	}

	/** Raw OkHttp: an SSLContext trusting the PEM certificate, protocols [HTTP_1_1] or [HTTP_2, HTTP_1_1]. */
	static OkHttpClient.Builder apply(OkHttpClient.Builder builder) {
		if (!on()) {
			return builder;
		}
		try {
			X509TrustManager trust = trustManager(Config.certificate());
			SSLContext context = SSLContext.getInstance("TLS");
			context.init(null, new TrustManager[] { trust }, null);
			return builder.sslSocketFactory(context.getSocketFactory(), trust)
				.protocols(http2() ? List.of(Protocol.HTTP_2, Protocol.HTTP_1_1) : List.of(Protocol.HTTP_1_1));
		}
		catch (IOException | GeneralSecurityException ex) {
			throw new IllegalStateException("cannot trust " + Config.certificate(), ex);
		}
	}

	private static X509TrustManager trustManager(Path pem) throws IOException, GeneralSecurityException {
		KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
		store.load(null, null);
		try (InputStream in = Files.newInputStream(pem)) {
			int n = 0;
			for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
				store.setCertificateEntry("bench-" + n++, certificate);
			}
		}
		TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
		factory.init(store);
		return (X509TrustManager) factory.getTrustManagers()[0];
	}

	/** wx-network as an application configures it: a Spring Boot SSL bundle and {@code wx.network.enable-http2}. */
	public static Map<String, Object> wxProperties() {
		if (!on()) {
			return Map.of();
		}
		return Map.of("spring.ssl.bundle.pem.bench.truststore.certificate", "file:" + Config.certificate(),
				"wx.network.ssl.bundle", "bench", "wx.network.enable-http2", String.valueOf(http2()));
	}

	/** curl: {@code --cacert FILE} and {@code --http1.1} or {@code --http2}. */
	static List<String> curlArgs() {
		if (!on()) {
			return List.of();
		}
		return List.of("--cacert", Config.certificate().toString(), http2() ? "--http2" : "--http1.1");
	}

	/** OkHttp's, wx-network's ({@code profile().protocol()}) and curl's ({@code %{http_version}}) names as one. */
	static String normalize(String protocol) {
		if (protocol == null) {
			return "unknown";
		}
		return switch (protocol.trim().toLowerCase(Locale.ROOT)) {
			case "h2", "2", "http/2", "http2", "http/2.0" -> "h2";
			case "http/1.1", "http1.1", "1.1" -> "http/1.1";
			default -> protocol.trim();
		};
	}

	/** Fails unless {@code negotiated} (by the client under test) is the protocol this worker was started for. */
	static void expect(String negotiated) {
		String expected = http2() ? "h2" : "http/1.1";
		if (!expected.equals(normalize(negotiated))) {
			throw new IllegalStateException("negotiated " + negotiated + ", expected " + expected + " ("
					+ Config.protocol() + ")");
		}
	}

}
