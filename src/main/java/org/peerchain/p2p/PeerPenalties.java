package org.peerchain.p2p;

/**
 * How the parts of the P2P wing (header sync, transaction relay) score a peer's misdeeds. The network keeps the scores,
 * disconnects and bans ({@link Misbehaviour} names the points and codes).
 */
interface PeerPenalties {
    /** Adds {@code points}; past the ban threshold the peer is disconnected and its address banned. */
    void misbehave(Peer p, int points, String code, String detail);

    /** An unrequested message that brought nothing new: tolerated up to a limit per window, then penalised. */
    void redundant(Peer p, String what);
}
