package org.peerchain.node.api;

/**
 * What a test of one tracker found ({@link PeerService#testTracker}): reached, with the round trip and how many peers
 * of this network it sent back, or why not.
 *
 * @param tracker the tracker as {@code host:port}
 * @param roundTripMillis from dialling to its answer; 0 unless {@link Outcome#REACHED}
 * @param peers the peers of this network it sent (a sample, up to the tracker's limit); 0 unless reached
 * @param timeoutMillis how long the test waited for an answer
 * @param detail the error in words for {@link Outcome#FAILED}; empty otherwise
 */
public record TrackerTestResult(String tracker, Outcome outcome, long roundTripMillis, int peers, long timeoutMillis,
        String detail) {
    public enum Outcome {
        /** It answered with a peer list. */
        REACHED,
        /** No answer within the time allowed: nothing listens there, or a firewall drops the packets. */
        NO_ANSWER,
        /** The host answered that nothing listens on that port. */
        REFUSED,
        /** The host name is not known. */
        UNKNOWN_HOST,
        /** Something else went wrong: {@link #detail()} says what. */
        FAILED
    }

    public TrackerTestResult {
        detail = detail == null ? "" : detail;
    }

    public boolean reached() {
        return outcome == Outcome.REACHED;
    }
}
