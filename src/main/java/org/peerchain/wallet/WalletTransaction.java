package org.peerchain.wallet;

import java.util.List;
import org.peerchain.core.Address;
import org.peerchain.core.Hash;
import org.peerchain.core.Transaction;

/**
 * A wallet transaction as the history shows it (bitcoind's {@code gettransaction}): where it stands, its
 * confirmations (0 pending, negative when conflicted: minus the depth of the transaction that won), what it did to
 * the balance and one entry per output that matters. {@code amount} is the net change to the balance without the
 * fee (negative for a send); {@code fee} is negative and only known for our own sends (0 otherwise).
 */
public record WalletTransaction(Hash txid, TxState state, int confirmations, Hash blockHash, int blockHeight,
        long blockTime, int blockIndex, long timeReceived, long amount, long fee, boolean fromMe, boolean coinbase,
        List<Entry> entries, List<Hash> conflicts, String comment, String commentTo, Transaction tx) {

    public WalletTransaction {
        entries = List.copyOf(entries);
        conflicts = List.copyOf(conflicts);
    }

    /** bitcoind's categories: send, receive, generate (mature coinbase), immature, orphan (coinbase off the chain). */
    public record Entry(String category, Address address, long amount, int vout, String label) {
    }

    public long time() {
        return blockHeight >= 0 ? Math.min(timeReceived, blockTime) : timeReceived;
    }
}
