package org.peerchain.p2p;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Objects;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * What a node says about itself in a handshake or an announce: its network, its random node id (for
 * self-connection detection), and its current best height and cumulative work, read when needed.
 */
public record NodeIdentity(String networkId, String nodeId, LongSupplier bestHeight, Supplier<BigInteger> totalWork) {
    /** Bytes of a fresh node id (hex-encoded on the wire). */
    public static final int NODE_ID_BYTES = 16;
    private static final SecureRandom RANDOM = new SecureRandom();

    public NodeIdentity {
        Objects.requireNonNull(networkId);
        Objects.requireNonNull(nodeId);
        Objects.requireNonNull(bestHeight);
        Objects.requireNonNull(totalWork);
    }

    /** An identity with a fresh random node id, for a node whose chain is not wired in (height and work 0). */
    public static NodeIdentity fresh(String networkId) {
        return new NodeIdentity(networkId, newNodeId(), () -> 0, () -> BigInteger.ZERO);
    }

    public static String newNodeId() {
        byte[] b = new byte[NODE_ID_BYTES];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
