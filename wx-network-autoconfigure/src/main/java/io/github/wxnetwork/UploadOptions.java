package io.github.wxnetwork;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Options of {@code wx.uploadFile}. Build with {@link #builder(String, Path, String)}. */
public final class UploadOptions extends TaskOptions<UploadSuccess> {

	private final Path filePath;

	private final String name;

	private final Map<String, String> formData;

	private final List<Consumer<UploadProgress>> progressListeners;

	private UploadOptions(Builder builder) {
		super(builder);
		this.filePath = builder.filePath;
		this.name = builder.name;
		this.formData = Collections.unmodifiableMap(new LinkedHashMap<>(builder.formData));
		this.progressListeners = List.copyOf(builder.progressListeners);
	}

	/**
	 * @param url where to POST
	 * @param filePath the file to send
	 * @param name the form field name of the file part
	 */
	public static Builder builder(String url, Path filePath, String name) {
		return new Builder(url, filePath, name);
	}

	public Path filePath() {
		return this.filePath;
	}

	public String name() {
		return this.name;
	}

	/** Extra text parts, in the order given. */
	public Map<String, String> formData() {
		return this.formData;
	}

	public List<Consumer<UploadProgress>> progressListeners() {
		return this.progressListeners;
	}

	/** Builds {@link UploadOptions}. */
	public static final class Builder extends TaskOptions.Builder<UploadSuccess, UploadOptions, Builder> {

		private final Path filePath;

		private final String name;

		private final Map<String, String> formData = new LinkedHashMap<>();

		private final List<Consumer<UploadProgress>> progressListeners = new ArrayList<>();

		private Builder(String url, Path filePath, String name) {
			super(url);
			this.filePath = filePath;
			this.name = name;
		}

		@Override
		Builder self() {
			return this;
		}

		public Builder formData(Map<String, String> formData) {
			if (formData != null) {
				this.formData.putAll(formData);
			}
			return this;
		}

		public Builder onProgressUpdate(Consumer<UploadProgress> listener) {
			if (listener != null) {
				this.progressListeners.add(listener);
			}
			return this;
		}

		@Override
		public UploadOptions build() {
			return new UploadOptions(this);
		}

	}

}
