package org.peerchain.p2p;

/** How a connected peer was found: it dialled us, or we dialled an address that came from one of these. */
public enum PeerOrigin {
    INBOUND,
    /** A tracker's answer to our announce. */
    TRACKER,
    /** The persisted address book (addresses heard from peers and trackers before). */
    ADDRESS_BOOK,
    /** Local network discovery (multicast, {@link LocalDiscovery}). */
    LOCAL_NETWORK,
    /** {@code --connect} or {@code addnode}. */
    MANUAL
}
