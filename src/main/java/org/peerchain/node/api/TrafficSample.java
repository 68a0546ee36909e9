package org.peerchain.node.api;

/** The node's traffic over the interval between two peer snapshots, ending at {@code timeMillis}, in bytes a second. */
public record TrafficSample(long timeMillis, double receivedPerSecond, double sentPerSecond) {
}
