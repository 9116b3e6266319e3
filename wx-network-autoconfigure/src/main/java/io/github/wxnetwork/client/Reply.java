package io.github.wxnetwork.client;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.github.wxnetwork.DownloadSuccess;
import io.github.wxnetwork.RequestSuccess;
import io.github.wxnetwork.UploadSuccess;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.ResolvableType;
import org.springframework.core.log.LogFormatUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.HttpServerErrorException;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestClientResponseException;

/**
 * A task's result as Spring's return types see it, whatever the kind: status, headers and data (a
 * download's data is the file it stored).
 */
record Reply(int status, Map<String, String> header, List<String> cookies, Object data, boolean tempFile) {

	/** How much of a stored download an error-status exception carries. */
	private static final int MAX_ERROR_BODY = 1024 * 1024;

	static Reply of(Object success) {
		if (success instanceof RequestSuccess request) {
			return new Reply(request.statusCode(), request.header(), request.cookies(), request.data(), false);
		}
		if (success instanceof UploadSuccess upload) {
			return new Reply(upload.statusCode(), upload.header(), List.of(), upload.data(), false);
		}
		DownloadSuccess download = (DownloadSuccess) success;
		Path stored = (download.filePath() != null) ? download.filePath() : download.tempFilePath();
		return new Reply(download.statusCode(), download.header(), List.of(), stored, download.filePath() == null);
	}

	/** Deletes a download's temp file that the method's return value does not hand on. */
	void discardTempFile() {
		if (this.tempFile) {
			try {
				Files.deleteIfExists((Path) this.data);
			}
			catch (IOException ex) {
				// Left for the temp directory's sweep.
			}
		}
	}

	HttpHeaders headers() {
		HttpHeaders headers = new HttpHeaders();
		this.header.forEach((name, value) -> {
			if (!this.cookies.isEmpty() && name.equalsIgnoreCase(HttpHeaders.SET_COOKIE)) {
				return;
			}
			headers.add(name, value);
		});
		this.cookies.forEach((cookie) -> headers.add(HttpHeaders.SET_COOKIE, cookie));
		return headers;
	}

	/** The charset of the Content-Type, else UTF-8. */
	Charset charset() {
		String contentType = this.header.get(HttpHeaders.CONTENT_TYPE);
		try {
			Charset charset = (contentType != null) ? MediaType.parseMediaType(contentType).getCharset() : null;
			return (charset != null) ? charset : StandardCharsets.UTF_8;
		}
		catch (RuntimeException ex) {
			return StandardCharsets.UTF_8;
		}
	}

	/**
	 * Spring's exception for an error status, with what a RestClient's would carry: status, headers, the
	 * body's bytes, and {@code getResponseBodyAs} through the application's JSON mapper. A stored download
	 * is read (its first MiB) and deleted: the file holds an error page, not what was asked for.
	 */
	RestClientResponseException error(String method, String url, JsonMapper mapper) {
		byte[] body = body(mapper);
		HttpHeaders headers = headers();
		Charset charset = charset();
		HttpStatus known = HttpStatus.resolve(this.status);
		String statusText = (known != null) ? known.getReasonPhrase() : "";
		int query = url.indexOf('?');
		String message = this.status + " " + statusText + " on " + method + " request for \""
				+ ((query >= 0) ? url.substring(0, query) : url) + "\": "
				+ ((body.length == 0) ? "[no body]" : LogFormatUtils.formatValue(new String(body, charset), -1, true));
		HttpStatusCode code = HttpStatusCode.valueOf(this.status);
		RestClientResponseException error = code.is4xxClientError()
				? HttpClientErrorException.create(message, code, statusText, headers, body, charset)
				: HttpServerErrorException.create(message, code, statusText, headers, body, charset);
		error.setBodyConvertFunction((type) -> convert(body, charset, type, mapper));
		return error;
	}

	/** {@code getResponseBodyAs}: as a RestClient's converters would read it. */
	private static Object convert(byte[] body, Charset charset, ResolvableType type, JsonMapper mapper) {
		if (body.length == 0) {
			return null;
		}
		if (type.toClass() == String.class) {
			return new String(body, charset);
		}
		if (type.toClass() == byte[].class) {
			return body;
		}
		try {
			return mapper.readValue(body, mapper.constructType(type.getType()));
		}
		catch (RuntimeException ex) {
			throw new RestClientException("Error while extracting response for type [" + type + "]", ex);
		}
	}

	private byte[] body(JsonMapper mapper) {
		if (this.data == null) {
			return new byte[0];
		}
		if (this.data instanceof byte[] bytes) {
			return bytes;
		}
		if (this.data instanceof String text) {
			return text.getBytes(charset());
		}
		if (this.data instanceof Path stored) {
			try (InputStream in = Files.newInputStream(stored)) {
				return in.readNBytes(MAX_ERROR_BODY);
			}
			catch (IOException ex) {
				return new byte[0];
			}
			finally {
				try {
					Files.deleteIfExists(stored);
				}
				catch (IOException ex) {
					// Left for the temp directory's clean-up; the error status is what the caller must see.
				}
			}
		}
		return mapper.writeValueAsBytes(this.data);
	}

}
