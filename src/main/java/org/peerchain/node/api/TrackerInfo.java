package org.peerchain.node.api;

/**
 * A tracker the node uses. {@code lastAnnounceMillis} is 0 before the first success; {@code peersReturned} is the
 * size of its last answer; {@code lastError} is empty after a success.
 */
public record TrackerInfo(String address, long lastAnnounceMillis, State state, int peersReturned, int failuresInARow,
        String lastError) {
    /** Where announcing to this tracker stands. */
    public enum State {
        WAITING("waiting for its first answer"),
        OK("ok"),
        FAILING("failing");

        private final String label;

        State(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }
}
