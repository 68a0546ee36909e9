package org.peerchain.node.api;

/** How a peer was found; {@link #label()} is short enough for a table column. */
public enum PeerSource {
    INBOUND("inbound"),
    TRACKER("tracker"),
    ADDRESS_BOOK("address book"),
    LOCAL_NETWORK("local network"),
    MANUAL("added by hand");

    private final String label;

    PeerSource(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
