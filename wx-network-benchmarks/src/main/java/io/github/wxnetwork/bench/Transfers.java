package io.github.wxnetwork.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.github.wxnetwork.DownloadOptions;
import io.github.wxnetwork.DownloadSuccess;
import io.github.wxnetwork.UploadOptions;
import io.github.wxnetwork.UploadSuccess;
import io.github.wxnetwork.WxDownloadTemplate;
import io.github.wxnetwork.WxUploadTemplate;
import io.github.wxnetwork.bench.wxapp.WxBenchApp;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.BufferedSink;
import okio.Okio;

import org.springframework.context.ConfigurableApplicationContext;

/** The transfer clients. */
public final class Transfers {

	private Transfers() {
	}

	static OkHttpClient okHttp() {
		return Tls.apply(new OkHttpClient.Builder().connectTimeout(Duration.ZERO)
			.readTimeout(Duration.ZERO)
			.writeTimeout(Duration.ZERO)).build();
	}

	static void runProcess(List<String> command) throws IOException, InterruptedException {
		Process process = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.DISCARD)
			.start();
		if (!process.waitFor(5, TimeUnit.MINUTES)) {
			process.destroyForcibly();
			throw new IOException("timed out: " + command);
		}
		if (process.exitValue() != 0) {
			throw new IOException("exit " + process.exitValue() + ": " + command);
		}
	}

	static OkHttpClient coalescedOkHttp() {
		return okHttp().newBuilder().socketFactory(new CoalescingSocketFactory(256 * 1024)).build();
	}

	/** A diagnostic: {@link OkHttpDownload} on {@link CoalescingSocketFactory} sockets. */
	public static final class OkHttpCoalescedDownload implements Transfer {

		private final OkHttpDownload delegate = new OkHttpDownload(coalescedOkHttp());

		@Override
		public void run(Path target) throws Exception {
			this.delegate.run(target);
		}

	}

	/** A diagnostic: {@link OkHttpUpload} on {@link CoalescingSocketFactory} sockets. */
	public static final class OkHttpCoalescedUpload extends OkHttpUpload {

		public OkHttpCoalescedUpload() {
			super(coalescedOkHttp());
		}

	}

	/** A diagnostic: {@link OkHttpChunkedUpload} on {@link CoalescingSocketFactory} sockets. */
	public static final class OkHttpChunkedCoalescedUpload extends OkHttpChunkedUpload {

		public OkHttpChunkedCoalescedUpload() {
			super(coalescedOkHttp());
		}

	}

	/** {@code curl -s -o FILE URL}: the limit (HTTPS rows: with {@code --cacert FILE --http1.1|--http2}). */
	public static final class CurlDownload implements Transfer {

		@Override
		public void run(Path target) throws Exception {
			runProcess(curl("-o", target.toString(), Config.bigFileUrl()));
		}

		@Override
		public String protocol() throws Exception {
			Process process = new ProcessBuilder(curl("-o", "/dev/null", "-w", "%{http_version}", Config.jsonUrl()))
				.redirectErrorStream(true)
				.start();
			String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			return (process.waitFor() == 0) ? out : "curl failed: " + out;
		}

		private static List<String> curl(String... args) {
			List<String> command = new ArrayList<>(List.of("curl", "-s", "-f"));
			command.addAll(Tls.curlArgs());
			command.addAll(List.of(args));
			return command;
		}

		@Override
		public boolean inProcess() {
			return false;
		}

	}

	/** OkHttp 5 {@code execute()}, the body source written to the file with okio. */
	public static final class OkHttpDownload implements Transfer {

		private final OkHttpClient client;

		public OkHttpDownload() {
			this(okHttp());
		}

		OkHttpDownload(OkHttpClient client) {
			this.client = client;
		}

		@Override
		public void run(Path target) throws Exception {
			Request request = new Request.Builder().url(Config.bigFileUrl()).build();
			try (Response response = this.client.newCall(request).execute();
					BufferedSink file = Okio.buffer(Okio.sink(target))) {
				if (response.code() != 200) {
					throw new IOException("HTTP " + response.code());
				}
				file.writeAll(response.body().source());
			}
		}

		@Override
		public String protocol() throws Exception {
			try (Response response = this.client.newCall(new Request.Builder().url(Config.jsonUrl()).build()).execute()) {
				return response.protocol().toString();
			}
		}

		@Override
		public void close() {
			this.client.connectionPool().evictAll();
		}

	}

	/** {@code java.net.http.HttpClient.send(.., BodyHandlers.ofFile(path))}. */
	public static final class JdkDownload implements Transfer {

		private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

		@Override
		public void run(Path target) throws Exception {
			HttpResponse<Path> response = this.client.send(HttpRequest.newBuilder(URI.create(Config.bigFileUrl())).build(),
					HttpResponse.BodyHandlers.ofFile(target));
			if (response.statusCode() != 200) {
				throw new IOException("HTTP " + response.statusCode());
			}
		}

	}

	/** wx-network's {@code WxDownloadTemplate}, with {@code filePath}, joined. */
	public static final class WxDownload implements Transfer {

		private final ConfigurableApplicationContext context = WxBenchApp.start();

		private final WxDownloadTemplate template = this.context.getBean(WxDownloadTemplate.class);

		@Override
		public void run(Path target) {
			int status = this.template.downloadFile(DownloadOptions.builder(Config.bigFileUrl())
				.filePath(target)
				.timeout(Duration.ofMinutes(5))
				.build()).join().statusCode();
			if (status != 200) {
				throw new IllegalStateException("HTTP " + status);
			}
		}

		@Override
		public String protocol() throws Exception {
			DownloadSuccess success = this.template.downloadFile(DownloadOptions.builder(Config.jsonUrl()).build()).join();
			java.nio.file.Files.deleteIfExists(success.tempFilePath());
			return success.profile().protocol();
		}

		@Override
		public void close() {
			this.context.close();
		}

	}

	/** {@code curl -s -F file=@FILE URL}. */
	public static final class CurlUpload implements Transfer {

		@Override
		public void run(Path target) throws Exception {
			runProcess(List.of("curl", "-s", "-f", "-o", "/dev/null", "-F", "file=@" + Config.bigFile(),
					Config.uploadUrl()));
		}

		@Override
		public boolean upload() {
			return true;
		}

		@Override
		public boolean inProcess() {
			return false;
		}

	}

	/** OkHttp 5 {@code MultipartBody} with {@code RequestBody.create(File)}. */
	public static class OkHttpUpload implements Transfer {

		private static final MediaType OCTET_STREAM = MediaType.get("application/octet-stream");

		private final OkHttpClient client;

		public OkHttpUpload() {
			this(okHttp());
		}

		OkHttpUpload(OkHttpClient client) {
			this.client = client;
		}

		/** The file part's body: okio reading 8 KiB at a time here; the chunked diagnostic overrides it. */
		RequestBody filePart(Path file) throws IOException {
			return RequestBody.create(file.toFile(), OCTET_STREAM);
		}

		@Override
		public void run(Path target) throws Exception {
			Path file = Config.bigFile();
			RequestBody body = new MultipartBody.Builder().setType(MultipartBody.FORM)
				.addFormDataPart("file", file.getFileName().toString(), filePart(file))
				.build();
			Request request = new Request.Builder().url(Config.uploadUrl()).post(body).build();
			try (Response response = this.client.newCall(request).execute()) {
				if (response.code() != 200) {
					throw new IOException("HTTP " + response.code());
				}
				response.body().string();
			}
		}

		@Override
		public boolean upload() {
			return true;
		}

		@Override
		public void close() {
			this.client.connectionPool().evictAll();
		}

	}

	/**
	 * A diagnostic, not in the suite's tables ({@code Worker upload okhttp-chunked}): OkHttp's MultipartBody
	 * with a file body that reads 256 KiB at a time through a FileChannel instead of okio's 8 KiB reads.
	 */
	public static class OkHttpChunkedUpload extends OkHttpUpload {

		private static final MediaType OCTET_STREAM = MediaType.get("application/octet-stream");

		public OkHttpChunkedUpload() {
			this(okHttp());
		}

		OkHttpChunkedUpload(OkHttpClient client) {
			super(client);
		}

		@Override
		RequestBody filePart(Path file) throws IOException {
			long length = java.nio.file.Files.size(file);
			return new RequestBody() {

				@Override
				public MediaType contentType() {
					return OCTET_STREAM;
				}

				@Override
				public long contentLength() {
					return length;
				}

				@Override
				public void writeTo(BufferedSink sink) throws IOException {
					try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(file)) {
						java.nio.ByteBuffer chunk = java.nio.ByteBuffer.allocate(256 * 1024);
						while (channel.read(chunk) > 0) {
							chunk.flip();
							while (chunk.hasRemaining()) {
								sink.write(chunk);
							}
							chunk.clear();
						}
					}
				}

			};
		}

	}

	/** {@code HttpClient.send()} of a hand-built multipart body streamed from the file (a diagnostic). */
	public static final class JdkUpload implements Transfer {

		private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

		@Override
		public void run(Path target) throws Exception {
			Path file = Config.bigFile();
			String boundary = "bench" + System.nanoTime();
			byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
					+ file.getFileName() + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
				.getBytes(java.nio.charset.StandardCharsets.UTF_8);
			byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
			HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.concat(HttpRequest.BodyPublishers.ofByteArray(head),
					HttpRequest.BodyPublishers.ofFile(file), HttpRequest.BodyPublishers.ofByteArray(tail));
			HttpResponse<String> response = this.client.send(HttpRequest.newBuilder(URI.create(Config.uploadUrl()))
				.header("Content-Type", "multipart/form-data; boundary=" + boundary)
				.POST(body)
				.build(), HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() != 200) {
				throw new IOException("HTTP " + response.statusCode());
			}
		}

		@Override
		public boolean upload() {
			return true;
		}

	}

	/** wx-network's {@code WxUploadTemplate}, joined. */
	public static final class WxUpload implements Transfer {

		private final ConfigurableApplicationContext context = WxBenchApp.start();

		private final WxUploadTemplate template = this.context.getBean(WxUploadTemplate.class);

		@Override
		public void run(Path target) {
			UploadSuccess success = this.template.uploadFile(UploadOptions.builder(Config.uploadUrl(), Config.bigFile(), "file")
				.timeout(Duration.ofMinutes(5))
				.build()).join();
			if (success.statusCode() != 200) {
				throw new IllegalStateException("HTTP " + success.statusCode());
			}
		}

		@Override
		public boolean upload() {
			return true;
		}

		@Override
		public void close() {
			this.context.close();
		}

	}

	/** Client names as the suite knows them. */
	public static final Map<String, Class<? extends Transfer>> DOWNLOADS = Map.of("curl", CurlDownload.class, "okhttp",
			OkHttpDownload.class, "jdk", JdkDownload.class, "wx", WxDownload.class, "okhttp-coalesced",
			OkHttpCoalescedDownload.class);

	public static final Map<String, Class<? extends Transfer>> UPLOADS = Map.of("curl", CurlUpload.class, "okhttp",
			OkHttpUpload.class, "wx", WxUpload.class, "okhttp-chunked", OkHttpChunkedUpload.class, "jdk", JdkUpload.class,
			"okhttp-coalesced", OkHttpCoalescedUpload.class, "okhttp-chunked-coalesced",
			OkHttpChunkedCoalescedUpload.class);

}
