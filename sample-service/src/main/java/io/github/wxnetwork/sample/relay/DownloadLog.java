package io.github.wxnetwork.sample.relay;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

import org.springframework.stereotype.Component;

/**
 * The last downloads the relay started that have ended, newest first, with WeChat's errMsg: the
 * actuator endpoint lists only tasks not yet finished, so this is where the dashboard learns how each
 * one ended ({@code downloadFile:ok}, {@code downloadFile:fail abort}, ...).
 */
@Component
public class DownloadLog {

	static final int CAPACITY = 100;

	private final Deque<Entry> entries = new ArrayDeque<>();

	/**
	 * One ended download.
	 * @param statusCode the HTTP status, 0 when it failed
	 * @param errno WeChat's errno of the failure, 0 on success
	 */
	public record Entry(String id, String name, String errMsg, int errno, int statusCode, long bytes,
			Instant finishedAt) {
	}

	public synchronized void add(Entry entry) {
		this.entries.addFirst(entry);
		while (this.entries.size() > CAPACITY) {
			this.entries.removeLast();
		}
	}

	public synchronized List<Entry> recent() {
		return List.copyOf(this.entries);
	}

}
