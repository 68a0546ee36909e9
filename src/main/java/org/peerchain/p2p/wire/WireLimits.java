package org.peerchain.p2p.wire;

/** Hard size limits of the framed protocol; each is checked before the bytes it bounds are parsed. */
public final class WireLimits {
    /** The largest frame anyone may send: blocks travel in frames later, so this is generous. */
    public static final int MAX_FRAME_BYTES = 8 * 1024 * 1024;
    /** The {@code type} must be the first key and must end within this many bytes of the body. */
    public static final int TYPE_PEEK_BYTES = 256;
    public static final int MAX_TYPE_LENGTH = 64;
    /** Limits of the small control messages (handshake, ping, announce, leave, error, getpeers). */
    public static final int MAX_CONTROL_MESSAGE_BYTES = 4 * 1024;
    /** A {@code peers} message: up to {@link Message#MAX_PEERS_PER_MESSAGE} entries of about 150 bytes. */
    public static final int MAX_PEERS_MESSAGE_BYTES = 256 * 1024;
    public static final int LENGTH_PREFIX_BYTES = 4;

    private WireLimits() {
    }
}
