package io.github.wxnetwork;

/** The three kinds of task; each has its own limit, queue, metrics and errMsg prefix. */
public enum TaskKind {

	REQUEST("request", "request"), UPLOAD("upload", "uploadFile"), DOWNLOAD("download", "downloadFile");

	private final String type;

	private final String api;

	TaskKind(String type, String api) {
		this.type = type;
		this.api = api;
	}

	/** The name ops see: {@code request}, {@code upload}, {@code download}. */
	public String type() {
		return this.type;
	}

	/** The errMsg prefix: {@code request}, {@code uploadFile}, {@code downloadFile}. */
	public String api() {
		return this.api;
	}

}
