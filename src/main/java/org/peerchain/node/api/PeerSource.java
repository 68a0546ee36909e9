package org.peerchain.node.api;

/** How a peer was found. */
public enum PeerSource {
    INBOUND("connected to us"),
    TRACKER("a tracker"),
    ADDRESS_BOOK("the address book"),
    LOCAL_NETWORK("the local network"),
    MANUAL("added by hand");

    private final String label;

    PeerSource(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
