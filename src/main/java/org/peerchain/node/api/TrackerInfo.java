package org.peerchain.node.api;

/**
 * A tracker the node uses. {@code lastAnnounceMillis} is 0 before the first success; {@code state} is "ok",
 * "failing" or "waiting"; {@code lastError} is empty after a success.
 */
public record TrackerInfo(String address, long lastAnnounceMillis, String state, int peersReturned, int failuresInARow,
        String lastError) {
}
