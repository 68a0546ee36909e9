package org.peerchain.p2p;

/** The wire protocol's version numbers, exchanged in every handshake and announce. */
public final class ProtocolVersion {
    /** 2: node ids derived from a key whose possession each handshake and announce proves. */
    public static final int CURRENT = 2;
    /** The oldest version this code still talks to: an unproven node id is not taken any more. */
    public static final int MIN_SUPPORTED = 2;

    private ProtocolVersion() {
    }
}
