package org.peerchain.p2p;

import java.util.List;

/**
 * What the peer network publishes on the node's event bus: plain records that a view-model can copy into
 * its properties (on the FX thread, through the coalescing dispatcher).
 */
public sealed interface NetworkEvent {
    record PeerConnected(PeerInfo peer) implements NetworkEvent {
    }

    record PeerDisconnected(long peerId, String address, String reason) implements NetworkEvent {
    }

    /**
     * The ban list changed: a ban by hand, a peer banned for misbehaviour, an unban, the list cleared, or a ban
     * expired (noticed by the maintenance timer within a second). {@code bans} is the whole list now, by address.
     */
    record BansChanged(List<BanEntry> bans) implements NetworkEvent {
        public BansChanged {
            bans = List.copyOf(bans);
        }
    }

    /**
     * Initial sync progress, published a few times a second while blocks are being downloaded and once when
     * it is done ({@code syncing} false). {@code secondsLeft} is -1 when the rate is not known yet.
     */
    record SyncProgress(int height, int targetHeight, double blocksPerSecond, long secondsLeft, int peers, boolean syncing)
            implements NetworkEvent {
        /** Fraction done, 0 to 1. */
        public double fraction() {
            return targetHeight <= 0 ? 1.0 : Math.min(1.0, (double) height / targetHeight);
        }
    }
}
