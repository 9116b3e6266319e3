package io.github.wxnetwork.sample.upstream;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

import io.github.wxnetwork.sample.signing.RequestSignature;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;

/**
 * The upstream embedded in the sample, so it runs anywhere: JSON to fetch, generated files of a chosen
 * size served at a chosen rate (to watch progress and the queue), and a multipart sink for uploads.
 */
@RestController
@RequestMapping("/upstream")
public class UpstreamController {

	private static final int BLOCK = 16 * 1024;

	private final RequestSignature signature;

	public UpstreamController(RequestSignature signature) {
		this.signature = signature;
	}

	/**
	 * An item; ids below 1 do not exist (404), so the relay's fallback can be seen at work. Fresh for 30
	 * seconds: the relay's catalog client asks with {@code enableCache}, so repeats come from its cache. A
	 * signed call (the catalog client's) is checked like a payment API would: a wrong signature is 401, a
	 * right one is acknowledged in {@code X-Relay-Signature-Verified}. Unsigned calls (the template's) pass.
	 */
	@GetMapping("/items/{id}")
	public ResponseEntity<Map<String, Object>> item(@PathVariable int id, HttpServletRequest request) {
		String signed = request.getHeader(RequestSignature.SIGNATURE);
		String pathAndQuery = RequestSignature.target(request.getRequestURI(), request.getQueryString());
		if (signed != null && !this.signature.verify(signed, request.getMethod(), pathAndQuery,
				request.getHeader(RequestSignature.TIMESTAMP), new byte[0])) {
			throw new ResponseStatusException(HttpStatus.UNAUTHORIZED, "bad signature");
		}
		if (id < 1) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no item " + id);
		}
		return ResponseEntity.ok()
			.cacheControl(CacheControl.maxAge(Duration.ofSeconds(30)))
			.header("X-Relay-Signature-Verified", String.valueOf(signed != null))
			.body(Map.of("id", id, "name", "item-" + id, "tags", List.of("wx", "network")));
	}

	/**
	 * Written on the servlet thread (not a {@code StreamingResponseBody} on MVC's async executor, whose
	 * eight threads would stall the ninth and tenth paced download of a batch).
	 * @param size bytes to send
	 * @param rate bytes per second; 0 for as fast as possible
	 */
	@GetMapping("/files/{name}")
	public void file(@PathVariable String name, @RequestParam(defaultValue = "1048576") long size,
			@RequestParam(defaultValue = "0") long rate, HttpServletResponse response) throws IOException {
		response.setContentType(MediaType.APPLICATION_OCTET_STREAM_VALUE);
		response.setContentLengthLong(size);
		generate(response.getOutputStream(), size, rate);
	}

	@PostMapping(path = "/uploads", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	public Map<String, Object> upload(@RequestParam("file") MultipartFile file,
			@RequestParam Map<String, String> fields) throws IOException {
		long bytes = 0;
		try (InputStream in = file.getInputStream()) {
			byte[] buffer = new byte[BLOCK];
			for (int read; (read = in.read(buffer)) != -1;) {
				bytes += read;
			}
		}
		return Map.of("fileName", String.valueOf(file.getOriginalFilename()), "bytes", bytes, "fields", fields);
	}

	/** Deterministic bytes (so a copy can be checked), paced to {@code rate} bytes per second. */
	private static void generate(OutputStream out, long size, long rate) throws IOException {
		byte[] block = new byte[BLOCK];
		for (int i = 0; i < block.length; i++) {
			block[i] = (byte) (i * 31 + 7);
		}
		long start = System.nanoTime();
		long sent = 0;
		while (sent < size) {
			int n = (int) Math.min(block.length, size - sent);
			out.write(block, 0, n);
			sent += n;
			if (rate > 0) {
				long due = start + (sent * 1_000_000_000L) / rate;
				long wait = due - System.nanoTime();
				if (wait > 0) {
					out.flush();
					LockSupport.parkNanos(wait);
				}
			}
		}
	}

}
