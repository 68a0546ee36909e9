package org.peerchain.p2p;

/** Stable reason codes of a refused handshake, sent in the {@code error} frame before closing. */
public final class HandshakeRejection {
    public static final String HANDSHAKE_REQUIRED = "handshake-required";
    public static final String WRONG_NETWORK = "wrong-network";
    public static final String UNSUPPORTED_VERSION = "unsupported-version";
    public static final String SELF_CONNECTION = "self-connection";
    public static final String DUPLICATE_VERSION = "duplicate-version";
    public static final String HANDSHAKE_TIMEOUT = "handshake-timeout";
    public static final String TOO_MANY_CONNECTIONS = "too-many-connections";
    /** The node key or its proof in the handshake is missing or wrong (the id is not the sender's). */
    public static final String BAD_PROOF = "bad-proof";
    /**
     * Sent just after a completed handshake when the connection is dropped because one between the same two nodes is
     * already open: the dialer waits its failure backoff before trying the address again.
     */
    public static final String ALREADY_CONNECTED = "already-connected";

    private HandshakeRejection() {
    }
}
