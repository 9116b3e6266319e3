package io.github.wxnetwork.support;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;

import okhttp3.tls.HeldCertificate;

/**
 * Certificates made when a test runs, never checked in: a CA, a server certificate it signed (for 127.0.0.1,
 * localhost and {@code upstream.test}), a client certificate it signed (a merchant's), and a second CA that
 * signed nothing the server shows. Written as the files Spring Boot's SSL bundles and WireMock read: PEM
 * and PKCS#12 (password {@value #PASSWORD}).
 */
public final class TestPki {

	public static final String PASSWORD = "changeit";

	public final HeldCertificate ca = new HeldCertificate.Builder().certificateAuthority(0).commonName("Test CA").build();

	public final HeldCertificate otherCa = new HeldCertificate.Builder().certificateAuthority(0)
		.commonName("Other CA")
		.build();

	public final HeldCertificate server = new HeldCertificate.Builder().commonName("upstream")
		.addSubjectAlternativeName("127.0.0.1")
		.addSubjectAlternativeName("localhost")
		.addSubjectAlternativeName("upstream.test")
		.signedBy(this.ca)
		.build();

	public final HeldCertificate client = new HeldCertificate.Builder().commonName("merchant-1001")
		.signedBy(this.ca)
		.build();

	private final Path dir;

	public TestPki(Path dir) {
		this.dir = dir;
	}

	/** A PEM file of the certificate, and returns its path. */
	public Path certificatePem(String name, HeldCertificate certificate) throws IOException {
		return write(name + ".crt", certificate.certificatePem());
	}

	/** A PEM file of the private key (PKCS#8), and returns its path. */
	public Path privateKeyPem(String name, HeldCertificate certificate) throws IOException {
		return write(name + ".key", certificate.privateKeyPkcs8Pem());
	}

	/** A PKCS#12 key store of the certificate's key and chain (it, then the CA that signed it). */
	public Path keyStore(String name, HeldCertificate certificate, HeldCertificate signer) throws Exception {
		KeyStore store = empty();
		store.setKeyEntry("key", certificate.keyPair().getPrivate(), PASSWORD.toCharArray(),
				new Certificate[] { certificate.certificate(), signer.certificate() });
		return store(name + ".p12", store);
	}

	/** A PKCS#12 trust store of the certificates. */
	public Path trustStore(String name, HeldCertificate... trusted) throws Exception {
		KeyStore store = empty();
		for (int i = 0; i < trusted.length; i++) {
			store.setCertificateEntry("trusted-" + i, trusted[i].certificate());
		}
		return store(name + ".p12", store);
	}

	/** Writes (or rewrites) a file of the test's directory. */
	public Path write(String name, String text) throws IOException {
		return Files.writeString(this.dir.resolve(name), text, StandardCharsets.US_ASCII);
	}

	private static KeyStore empty() throws GeneralSecurityException, IOException {
		KeyStore store = KeyStore.getInstance("PKCS12");
		store.load(null, null);
		return store;
	}

	private Path store(String name, KeyStore store) throws Exception {
		Path file = this.dir.resolve(name);
		try (OutputStream out = Files.newOutputStream(file)) {
			store.store(out, PASSWORD.toCharArray());
		}
		return file;
	}

}
