package org.peerchain.p2p;

/** The wire protocol's version numbers, exchanged in every handshake and announce. */
public final class ProtocolVersion {
    public static final int CURRENT = 1;
    /** The oldest version this code still talks to. */
    public static final int MIN_SUPPORTED = 1;

    private ProtocolVersion() {
    }
}
