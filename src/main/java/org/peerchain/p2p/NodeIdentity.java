package org.peerchain.p2p;

import java.math.BigInteger;
import java.util.Objects;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.peerchain.p2p.wire.Message;

/**
 * What a node says about itself in a handshake or an announce: its network, its identity key (whose public half gives
 * its node id, see {@link NodeKey}), and its current best height and cumulative work, read when needed.
 */
public record NodeIdentity(String networkId, NodeKey key, LongSupplier bestHeight, Supplier<BigInteger> totalWork) {
    /** Bytes of a node id (hex-encoded on the wire). */
    public static final int NODE_ID_BYTES = 16;

    public NodeIdentity {
        Objects.requireNonNull(networkId);
        Objects.requireNonNull(key);
        Objects.requireNonNull(bestHeight);
        Objects.requireNonNull(totalWork);
    }

    /** An identity with a new key held in memory, for a side whose chain is not wired in (height and work 0). */
    public static NodeIdentity fresh(String networkId) {
        return new NodeIdentity(networkId, NodeKey.generate(), () -> 0, () -> BigInteger.ZERO);
    }

    public String nodeId() {
        return key.nodeId();
    }

    /** Our {@code version}, listening on {@code port} (0: none), with a fresh {@code challenge} for the other side. */
    public Message.Version version(int port, String challenge) {
        return new Message.Version(networkId, ProtocolVersion.CURRENT, nodeId(), port, bestHeight.getAsLong(),
                totalWork.get(), key.publicKeyHex(), challenge);
    }

    /** Our {@code announce} to a tracker at {@code time} (seconds since 1970), signed with our key. */
    public Message.Announce announce(int port, long time) {
        return new Message.Announce(networkId, port, nodeId(), ProtocolVersion.CURRENT, bestHeight.getAsLong(),
                key.publicKeyHex(), time, key.proveAnnounce(networkId, port, time));
    }

    /** Our {@code verack} to {@code theirs}: the proof that we hold our key, over their challenge. */
    public Message.Verack verackFor(Message.Version theirs) {
        return new Message.Verack(key.prove(networkId, theirs.nodeId(), theirs.challenge()));
    }

    /**
     * Why {@code verack} does not prove that the side which sent {@code theirs} holds the key of its node id (we sent it
     * {@code ourChallenge}), or null when it does.
     */
    public String checkProof(Message.Version theirs, String ourChallenge, Message.Verack verack) {
        if (theirs.nodeKey().isEmpty() || verack.proof().isEmpty()) {
            return "node " + theirs.nodeId() + " sent no node key or no proof of it";
        }
        return NodeKey.checkProof(networkId, theirs.nodeId(), theirs.nodeKey(), nodeId(), ourChallenge, verack.proof());
    }
}
