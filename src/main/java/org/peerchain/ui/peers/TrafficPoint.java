package org.peerchain.ui.peers;

/** The node's traffic over one interval between two snapshots, ending at {@code timeMillis}. */
public record TrafficPoint(long timeMillis, double receivedPerSecond, double sentPerSecond) {
}
