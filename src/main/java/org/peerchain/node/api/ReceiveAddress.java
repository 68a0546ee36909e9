package org.peerchain.node.api;

import java.util.List;
import org.peerchain.core.Hash;

/**
 * One of our receive addresses: its label, the base units received by it (in transactions with at least the
 * confirmations asked for), the confirmations of the latest of those (0 for none) and their ids.
 */
public record ReceiveAddress(String address, String label, long received, int confirmations, List<Hash> txids) {
    public ReceiveAddress {
        txids = List.copyOf(txids);
    }

    /** How many transactions paid it. */
    public int transactions() {
        return txids.size();
    }
}
