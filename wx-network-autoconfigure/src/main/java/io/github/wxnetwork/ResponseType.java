package io.github.wxnetwork;

/** How a request's response body is handed back: text ({@code data} decoded) or raw bytes. */
public enum ResponseType {

	/** The body as text, parsed as JSON when {@code dataType} is "json". */
	TEXT,

	/** The body as a {@code byte[]}, untouched. */
	ARRAYBUFFER

}
