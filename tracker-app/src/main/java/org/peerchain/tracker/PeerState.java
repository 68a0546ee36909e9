package org.peerchain.tracker;

/** Where a registered peer stands in the liveness checks. */
public enum PeerState {
    /** Announced, not yet pinged. Handed out in samples. */
    NEW,
    /** Its last ping succeeded. Handed out in samples. */
    LIVE,
    /** Its last ping failed; removed after {@link TrackerConfig#maxPingFailures()} in a row. Not handed out. */
    FAILING;

    public boolean isServed() {
        return this != FAILING;
    }
}
