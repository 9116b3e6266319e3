package io.github.wxnetwork.sample.signing;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The signature a payment-style API asks of each call: HMAC-SHA256, under a shared key, of the method, the
 * path with its query, a timestamp and the body. The relay signs with it ({@link UpstreamSigner}); the
 * embedded upstream checks it.
 *
 * @param key the shared key (a real deployment reads it from a secret store)
 */
@ConfigurationProperties("relay.signing")
public record RequestSignature(@DefaultValue("sample-signing-key") String key) {

	public static final String SIGNATURE = "X-Relay-Signature";

	public static final String TIMESTAMP = "X-Relay-Timestamp";

	/** What is signed of a URL: its path and, if any, {@code ?} and its query, as sent. */
	public static String target(String path, String query) {
		return (query != null) ? path + "?" + query : path;
	}

	public String sign(String method, String pathAndQuery, String timestamp, byte[] body) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(this.key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			mac.update((method + "\n" + pathAndQuery + "\n" + timestamp + "\n").getBytes(StandardCharsets.UTF_8));
			return java.util.HexFormat.of().formatHex(mac.doFinal(body));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is missing from this JVM", ex);
		}
	}

	/** Whether {@code signature} is the one of this call (compared in constant time). */
	public boolean verify(String signature, String method, String pathAndQuery, String timestamp, byte[] body) {
		return signature != null && timestamp != null && MessageDigest.isEqual(
				signature.getBytes(StandardCharsets.US_ASCII),
				sign(method, pathAndQuery, timestamp, body).getBytes(StandardCharsets.US_ASCII));
	}

	@Override
	public String toString() {
		return "RequestSignature[key=******]";
	}

}
