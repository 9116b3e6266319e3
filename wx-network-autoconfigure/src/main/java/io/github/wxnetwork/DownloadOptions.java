package io.github.wxnetwork;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Options of {@code wx.downloadFile}. Build with {@link #builder(String)}. */
public final class DownloadOptions extends TaskOptions<DownloadSuccess> {

	private final Path filePath;

	private final List<Consumer<DownloadProgress>> progressListeners;

	private DownloadOptions(Builder builder) {
		super(builder);
		this.filePath = builder.filePath;
		this.progressListeners = List.copyOf(builder.progressListeners);
	}

	public static Builder builder(String url) {
		return new Builder(url);
	}

	/** Where to store the file, or null for a new file under {@code wx.network.temp-dir}. */
	public Path filePath() {
		return this.filePath;
	}

	public List<Consumer<DownloadProgress>> progressListeners() {
		return this.progressListeners;
	}

	/** Builds {@link DownloadOptions}. */
	public static final class Builder extends TaskOptions.Builder<DownloadSuccess, DownloadOptions, Builder> {

		private Path filePath;

		private final List<Consumer<DownloadProgress>> progressListeners = new ArrayList<>();

		private Builder(String url) {
			super(url);
		}

		@Override
		Builder self() {
			return this;
		}

		public Builder filePath(Path filePath) {
			this.filePath = filePath;
			return this;
		}

		public Builder onProgressUpdate(Consumer<DownloadProgress> listener) {
			if (listener != null) {
				this.progressListeners.add(listener);
			}
			return this;
		}

		@Override
		public DownloadOptions build() {
			return new DownloadOptions(this);
		}

	}

}
