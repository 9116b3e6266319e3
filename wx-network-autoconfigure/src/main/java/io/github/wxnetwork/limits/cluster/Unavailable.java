package io.github.wxnetwork.limits.cluster;

import java.time.Instant;

/**
 * Why the cluster limit is not held now: Redis could not be reached.
 * @param reason the failure that showed it
 * @param since when it was found
 */
public record Unavailable(String reason, Instant since) {
}
