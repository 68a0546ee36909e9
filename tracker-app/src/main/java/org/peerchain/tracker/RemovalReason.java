package org.peerchain.tracker;

/** Why a peer left the registry; also the {@code reason} label of the removal metric. */
public enum RemovalReason {
    LEAVE("leave"), PING_FAILED("ping_failed"), EXPIRED("expired"), KICKED("kicked"), BANNED("banned");

    private final String label;

    RemovalReason(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
